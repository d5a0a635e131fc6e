import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie of a console session, and the header that carries its CSRF token. */
export const SESSION_COOKIE = 'larksync_session';
export const CSRF_HEADER = 'x-csrf-token';
/** A session lasts at most this long; the credential's own expiry and revocation end it sooner. */
export const SESSION_LIFETIME_S = 8 * 3600;

export interface SessionClaims {
  credentialId: string;
  expiresAt: number;
}

/** Derives the key sessions are signed with from the current master key, so every replica shares it. */
export function sessionKeyOf(masterKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, '', 'larksync console session', 32));
}

/**
 * `<credential id>.<expiry, ms>.<nonce>.<mac>`: the MAC covers the credential's secret hash too, so a
 * session ends with the secret it was opened with. It holds no secret itself.
 */
export function issueSession(
  key: Buffer,
  credentialId: string,
  secretSha256: Buffer,
  now: number,
): { cookie: string; claims: SessionClaims } {
  const expiresAt = now + SESSION_LIFETIME_S * 1000;
  const payload = `${credentialId}.${expiresAt}.${randomBytes(16).toString('base64url')}`;
  return { cookie: `${payload}.${mac(key, payload, secretSha256)}`, claims: { credentialId, expiresAt } };
}

/** The claims of a well-formed, unexpired session cookie; its MAC is checked by `sessionMacMatches`. */
export function sessionClaimsOf(cookie: string, now: number): SessionClaims | undefined {
  const parts = cookie.split('.');
  if (parts.length !== 4 || !/^[\w-]{1,64}$/.test(parts[0]) || !/^\d{1,15}$/.test(parts[1])) return undefined;
  const expiresAt = Number(parts[1]);
  return expiresAt > now ? { credentialId: parts[0], expiresAt } : undefined;
}

export function sessionMacMatches(key: Buffer, cookie: string, secretSha256: Buffer): boolean {
  const cut = cookie.lastIndexOf('.');
  return safeEqual(cookie.slice(cut + 1), mac(key, cookie.slice(0, cut), secretSha256));
}

/** The CSRF token bound to one session: the console sends it back in `X-CSRF-Token` on every change. */
export function csrfTokenOf(key: Buffer, cookie: string): string {
  return createHmac('sha256', key).update(`csrf.${cookie}`).digest('base64url');
}

export function csrfTokenMatches(key: Buffer, cookie: string, presented: string | undefined): boolean {
  return presented !== undefined && safeEqual(presented, csrfTokenOf(key, cookie));
}

function mac(key: Buffer, payload: string, secretSha256: Buffer): string {
  return createHmac('sha256', key).update(payload).update(secretSha256).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
