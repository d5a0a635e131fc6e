import { Route, SimRequest, SimResponse, bearerToken, jsonResponse } from './http-kit';
import { OAuthGrants, REFRESH_TOKEN_LIFETIME_S, USER_TOKEN_LIFETIME_S, verifyPkce } from './oauth-grants';
import { renderUserPicker } from './oauth-picker';
import { QrLogins, renderQrPage, renderQrWaiting } from './oauth-qr';
import { SimCore } from './sim-core';

export interface OAuthOptions {
  /** Tests: consent immediately as this user instead of showing the picker. */
  autoConsentOpenId?: string;
}

function oauthError(status: number, code: number, error: string, description: string): SimResponse {
  return jsonResponse(status, { code, error, error_description: description });
}

function redirect(location: string): SimResponse {
  return { status: 302, body: '', contentType: 'text/plain', headers: { location } };
}

/** Appends query parameters, keeping a #fragment at the end as Lark does. */
export function withQuery(uri: string, params: Record<string, string>): string {
  const [base, fragment] = uri.split('#', 2);
  const url = new URL(base);
  Object.entries(params).forEach(([key, value]) => url.searchParams.set(key, value));
  return fragment === undefined ? url.toString() : `${url.toString()}#${fragment}`;
}

const html = (body: string): SimResponse => ({ status: 200, contentType: 'text/html; charset=utf-8', body });

export function oauthRoutes(core: SimCore, grants: OAuthGrants, options: OAuthOptions): Route[] {
  const qr = new QrLogins();
  return [
    {
      method: 'GET',
      pattern: '/open-apis/authen/v1/authorize',
      endpoint: 'authen.authorize',
      handler: (r) => authorize(core, grants, options, qr, r),
    },
    {
      method: 'POST',
      pattern: '/open-apis/sim/qr/scan',
      endpoint: 'sim.qr_scan',
      handler: (r) => scanQr(core, qr, r),
    },
    {
      method: 'POST',
      pattern: '/open-apis/authen/v2/oauth/token',
      endpoint: 'authen.oauth_token',
      handler: (r) => exchangeToken(core, grants, r),
    },
    {
      method: 'GET',
      pattern: '/open-apis/authen/v1/user_info',
      endpoint: 'authen.user_info',
      handler: (r) => userInfo(core, grants, r),
    },
  ];
}

function authorize(
  core: SimCore,
  grants: OAuthGrants,
  options: OAuthOptions,
  qr: QrLogins,
  request: SimRequest,
): SimResponse {
  const query = request.query;
  const clientId = query.get('client_id') ?? query.get('app_id');
  const redirectUri = query.get('redirect_uri');
  if (!clientId || !redirectUri)
    return oauthError(400, 20001, 'invalid_request', 'client_id and redirect_uri are required');
  const app = core.apps.get(clientId);
  if (!app) return oauthError(400, 20048, 'invalid_client', 'app not found');
  if (app.redirectUris && !app.redirectUris.includes(redirectUri))
    return oauthError(400, 20071, 'invalid_request', 'redirect_uri is not registered');
  const state = query.get('state') ?? '';
  if (query.get('deny') === '1') return redirect(withQuery(redirectUri, { error: 'access_denied', state }));
  const ticket = query.get('qr_ticket');
  const scannedBy = ticket === null ? undefined : qr.take(ticket);
  if (ticket !== null && scannedBy === undefined)
    return oauthError(400, 20001, 'invalid_request', 'the QR code is unknown or was already used');
  if (scannedBy === null) return html(renderQrWaiting(request.path, query));
  if (!scannedBy && !query.get('as_open_id') && query.get('login') === 'qr')
    return html(renderQrPage(request.path, query, qr.issue()));
  const openId = scannedBy ?? query.get('as_open_id') ?? options.autoConsentOpenId;
  if (!openId) return html(renderUserPicker(core.store, request.path, query));
  if (!core.store.getUser(openId)) return oauthError(400, 20008, 'invalid_request', 'user not found');
  const code = grants.issueCode({
    appId: app.appId,
    openId,
    redirectUri,
    scope: query.get('scope') ?? '',
    codeChallenge: query.get('code_challenge') ?? undefined,
    codeChallengeMethod: query.get('code_challenge_method') ?? undefined,
  });
  return redirect(withQuery(redirectUri, { code, state }));
}

/** The Lark mobile app of `open_id` scans the page's QR code and confirms the sign-in. */
function scanQr(core: SimCore, qr: QrLogins, request: SimRequest): SimResponse {
  const body = readForm(request);
  const ticket = typeof body?.ticket === 'string' ? body.ticket : '';
  const openId = typeof body?.open_id === 'string' ? body.open_id : '';
  if (!core.store.getUser(openId)) return oauthError(400, 20008, 'invalid_request', 'user not found');
  if (!qr.scan(ticket, openId))
    return oauthError(400, 20001, 'invalid_request', 'the QR code is unknown or was already scanned');
  return jsonResponse(200, { code: 0, msg: 'success' });
}

function readForm(request: SimRequest): Record<string, unknown> | undefined {
  const contentType = String(request.headers['content-type'] ?? '');
  if (contentType.includes('application/x-www-form-urlencoded'))
    return Object.fromEntries(new URLSearchParams(request.rawBody));
  try {
    const parsed: unknown = JSON.parse(request.rawBody);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function exchangeToken(core: SimCore, grants: OAuthGrants, request: SimRequest): SimResponse {
  const body = readForm(request);
  if (!body) return oauthError(400, 20063, 'invalid_request', 'malformed request body');
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
  const clientId = text('client_id');
  const clientSecret = text('client_secret');
  if (!clientId || !clientSecret)
    return oauthError(400, 20001, 'invalid_request', 'client_id and client_secret are required');
  const app = core.apps.get(clientId);
  if (!app) return oauthError(400, 20048, 'invalid_client', 'app not found');
  if (app.appSecret !== clientSecret)
    return oauthError(400, 20002, 'invalid_client', 'client secret is invalid');
  const decision = core.rateLimiter.check(app.appId, request.endpoint);
  if (!decision.isAllowed) {
    return {
      ...oauthError(429, 99991400, 'rate_limited', 'request trigger frequency limit'),
      headers: {
        'x-ogw-ratelimit-limit': String(decision.limit),
        'x-ogw-ratelimit-reset': String(decision.resetSeconds),
      },
    };
  }
  const grantType = text('grant_type');
  if (grantType === 'authorization_code') return exchangeCode(grants, app.appId, text);
  if (grantType === 'refresh_token') return refreshTokens(grants, app.appId, text);
  return oauthError(
    400,
    20036,
    'unsupported_grant_type',
    'grant_type must be authorization_code or refresh_token',
  );
}

function exchangeCode(
  grants: OAuthGrants,
  appId: string,
  text: (key: string) => string | undefined,
): SimResponse {
  const code = text('code');
  if (!code) return oauthError(400, 20001, 'invalid_request', 'code is required');
  const redemption = grants.redeemCode(code);
  if ('errorCode' in redemption) {
    const description = { 20003: 'code not found', 20004: 'code expired', 20065: 'code already used' }[
      redemption.errorCode
    ];
    return oauthError(400, redemption.errorCode, 'invalid_grant', description);
  }
  const grant = redemption.grant;
  if (grant.appId !== appId) return oauthError(400, 20024, 'invalid_grant', 'code was issued to another app');
  if (text('redirect_uri') !== grant.redirectUri)
    return oauthError(400, 20071, 'invalid_grant', 'redirect_uri does not match');
  if (
    grant.codeChallenge &&
    !verifyPkce(grant.codeChallenge, grant.codeChallengeMethod, text('code_verifier') ?? '')
  ) {
    return oauthError(400, 20049, 'invalid_grant', 'PKCE verification failed');
  }
  return tokenResponse(grants, appId, grant.openId, grant.scope);
}

function refreshTokens(
  grants: OAuthGrants,
  appId: string,
  text: (key: string) => string | undefined,
): SimResponse {
  const redemption = grants.redeemRefreshToken(text('refresh_token') ?? '');
  if ('errorCode' in redemption)
    return oauthError(400, redemption.errorCode, 'invalid_grant', 'refresh token is not usable');
  if (redemption.appId !== appId)
    return oauthError(400, 20024, 'invalid_grant', 'refresh token was issued to another app');
  return tokenResponse(grants, appId, redemption.openId, redemption.scope);
}

function tokenResponse(grants: OAuthGrants, appId: string, openId: string, scope: string): SimResponse {
  const { accessToken, refreshToken } = grants.issueTokens(appId, openId, scope);
  const refresh = refreshToken
    ? { refresh_token: refreshToken, refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_S }
    : {};
  return jsonResponse(200, {
    code: 0,
    access_token: accessToken,
    expires_in: USER_TOKEN_LIFETIME_S,
    ...refresh,
    token_type: 'Bearer',
    scope,
  });
}

function userInfo(core: SimCore, grants: OAuthGrants, request: SimRequest): SimResponse {
  const token = bearerToken(request);
  const grant = token ? grants.resolveAccessToken(token) : undefined;
  if (!grant) return jsonResponse(200, { code: 20005, msg: 'the user access token passed is invalid' });
  const user = core.store.getUser(grant.openId);
  if (!user) return jsonResponse(200, { code: 20008, msg: 'user not exist' });
  if (user.status.isResigned) return jsonResponse(200, { code: 20021, msg: 'user resigned' });
  if (user.status.isFrozen) return jsonResponse(200, { code: 20022, msg: 'user frozen' });
  if (user.status.isUnjoin) return jsonResponse(200, { code: 20023, msg: 'user not registered' });
  const avatar = `https://s1-imfile.feishucdn.com/static-resource/v1/${user.unionId}`;
  const data = {
    name: user.name,
    en_name: user.enName,
    avatar_url: avatar,
    avatar_thumb: `${avatar}~72x72`,
    avatar_middle: `${avatar}~240x240`,
    avatar_big: `${avatar}~640x640`,
    open_id: user.openId,
    union_id: user.unionId,
    email: user.email,
    enterprise_email: user.enterpriseEmail,
    user_id: user.userId,
    mobile: user.mobile,
    tenant_key: core.store.tenantKey,
    employee_no: user.employeeNo,
  };
  return jsonResponse(200, { code: 0, msg: 'success', data });
}
