import { Inject, Injectable } from '@nestjs/common';
import { refusalForTokenError, refusalForUserInfoError } from './lark-oauth-errors';
import { LarkOrigins } from './lark-hosts';
import { refusals, SsoRefusal } from './sso-refusal';

export interface LarkOAuthClientOptions {
  timeoutMs: number;
}

export const LARK_OAUTH_CLIENT_OPTIONS = Symbol('LARK_OAUTH_CLIENT_OPTIONS');

export interface CodeExchange {
  appId: string;
  appSecret: string;
  code: string;
  redirectUri: string;
  codeVerifier: string;
}

export interface LarkUserInfo {
  openId: string;
  tenantKey?: string;
  name?: string;
}

type Json = Record<string, unknown>;

/** Lark serialises `code` as a number or a string ("0"); an RFC 6749 success may omit it. */
export function larkCode(body: Json): number {
  if (body.code === undefined)
    return typeof body.access_token === 'string' || typeof body.data === 'object' ? 0 : Number.NaN;
  return Number(body.code);
}

/** Lark's OAuth endpoints over fetch: the token exchange and user_info, failures turned into SsoRefusals. */
@Injectable()
export class LarkOAuthClient {
  constructor(@Inject(LARK_OAUTH_CLIENT_OPTIONS) private readonly options: LarkOAuthClientOptions) {}

  /** The user access token for an authorisation code (single use at Lark). */
  async exchangeCode(origins: LarkOrigins, exchange: CodeExchange): Promise<string> {
    const body = await this.call(`${origins.open}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        client_id: exchange.appId,
        client_secret: exchange.appSecret,
        code: exchange.code,
        redirect_uri: exchange.redirectUri,
        code_verifier: exchange.codeVerifier,
      }),
    });
    const code = larkCode(body);
    if (code !== 0) throw Number.isNaN(code) ? refusals.larkBadResponse() : refusalForTokenError(code);
    if (typeof body.access_token !== 'string' || body.access_token === '') throw refusals.larkBadResponse();
    return body.access_token;
  }

  async readUserInfo(origins: LarkOrigins, accessToken: string): Promise<LarkUserInfo> {
    const body = await this.call(`${origins.open}/open-apis/authen/v1/user_info`, {
      method: 'GET',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const code = larkCode(body);
    if (code !== 0) throw Number.isNaN(code) ? refusals.larkBadResponse() : refusalForUserInfoError(code);
    const data = (typeof body.data === 'object' && body.data !== null ? body.data : {}) as Json;
    if (typeof data.open_id !== 'string' || data.open_id === '') throw refusals.larkBadResponse();
    return {
      openId: data.open_id,
      ...(typeof data.tenant_key === 'string' ? { tenantKey: data.tenant_key } : {}),
      ...(typeof data.name === 'string' && data.name !== '' ? { name: data.name } : {}),
    };
  }

  /** Parsed JSON body of any status (Lark answers errors as 4xx JSON); unreachable or unreadable: 502. */
  private async call(url: string, init: RequestInit): Promise<Json> {
    let response: Response;
    try {
      response = await fetch(url, {
        ...init,
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch {
      throw refusals.larkUnreachable();
    }
    const text = await response.text().catch(() => {
      throw refusals.larkUnreachable();
    });
    return parseLarkBody(text, response.status);
  }
}

function parseLarkBody(text: string, status: number): Json {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw status >= 500
      ? new SsoRefusal(502, 'lark_unavailable', 'Lark is temporarily unavailable; try again shortly')
      : refusals.larkBadResponse();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw refusals.larkBadResponse();
  return parsed as Json;
}
