import { createHash, randomBytes } from 'node:crypto';
import { hop, Hop } from './sso-browser';

/** A native SASE client's PKCE pair (RFC 7636 S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export interface ClientStart {
  redirectUri: string;
  challenge: string;
  state?: string;
  method?: string;
  uiLocales?: string;
}

/** The discovered sign-in URL with what a native client adds to it. */
export function clientLoginUrl(signInUrl: string, start: ClientStart): string {
  const url = new URL(signInUrl);
  url.searchParams.set('redirect_uri', start.redirectUri);
  url.searchParams.set('code_challenge', start.challenge);
  url.searchParams.set('code_challenge_method', start.method ?? 'S256');
  if (start.state !== undefined) url.searchParams.set('state', start.state);
  if (start.uiLocales) url.searchParams.set('ui_locales', start.uiLocales);
  return url.toString();
}

export interface ClientSignIn {
  login: Hop;
  /** Where the gateway finally sent the system browser: the client's redirect URI, with code or error. */
  returned: URL;
}

/**
 * The system browser's journey for a native client: the gateway's login → Lark's authorize page (as `as_open_id`,
 * or by `qr`: a scan by that user's Lark app) → the gateway's callback → the client's redirect URI.
 */
export async function clientSignIn(
  loginUrl: string,
  authorize: { as_open_id?: string; deny?: string; qrScanBy?: { larkUrl: string; openId: string } } = {},
): Promise<ClientSignIn> {
  const login = await hop(loginUrl);
  if (login.status !== 302 || !login.location)
    throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
  const authorizeUrl = new URL(login.location);
  if (!authorizeUrl.pathname.startsWith('/open-apis/')) return { login, returned: authorizeUrl };
  let consent: Hop;
  if (authorize.qrScanBy) {
    authorizeUrl.searchParams.set('login', 'qr');
    const page = String((await hop(authorizeUrl.toString())).body.text);
    const ticket = /data-qr-ticket="([^"]+)"/.exec(page)![1];
    const scanned = await fetch(`${authorize.qrScanBy.larkUrl}/open-apis/sim/qr/scan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket, open_id: authorize.qrScanBy.openId }),
    });
    if (scanned.status !== 200) throw new Error(`scan answered ${scanned.status}`);
    const next = /id="continue" href="([^"]+)"/.exec(page)![1].replace(/&#38;/g, '&');
    consent = await hop(new URL(next, authorizeUrl).toString());
  } else {
    Object.entries(authorize).forEach(([key, value]) => authorizeUrl.searchParams.set(key, String(value)));
    consent = await hop(authorizeUrl.toString());
  }
  if (consent.status !== 302 || !consent.location)
    throw new Error(`authorize answered ${consent.status}: ${JSON.stringify(consent.body)}`);
  const callback = await hop(consent.location, login.cookie);
  if (callback.status !== 302 || !callback.location)
    throw new Error(`callback answered ${callback.status}: ${JSON.stringify(callback.body)}`);
  return { login, returned: new URL(callback.location) };
}

/** The client's redemption at the token endpoint, form-encoded as RFC 6749 §4.1.3 has it. */
export async function redeem(
  gatewayUrl: string,
  params: { code: string; verifier: string; redirectUri: string; grantType?: string },
  language?: string,
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${gatewayUrl}/sso/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(language ? { 'accept-language': language } : {}),
    },
    body: new URLSearchParams({
      grant_type: params.grantType ?? 'authorization_code',
      code: params.code,
      code_verifier: params.verifier,
      redirect_uri: params.redirectUri,
    }).toString(),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
