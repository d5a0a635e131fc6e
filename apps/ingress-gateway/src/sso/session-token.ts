import { randomBytes } from 'node:crypto';
import { deriveKey } from './derived-keys';
import { hmacBase64Url, isValidMac, parseBase64UrlJson, toBase64Url } from './hmac-codec';

export const SESSION_LIFETIME_S = 8 * 60 * 60;
export const SESSION_ISSUER = 'larksync';
const HEADER = toBase64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** Claims of a SASE session: a compact HS256 JWT whose key is derived from LARKSYNC_MASTER_KEY. */
export interface SessionClaims {
  iss: string;
  sub: string;
  idp: string;
  name?: string;
  iat: number;
  exp: number;
  jti: string;
}

export interface SessionSubject {
  openId: string;
  idpId: string;
  name?: string;
}

export interface IssuedSession {
  session: string;
  expiresAt: string;
  claims: SessionClaims;
}

function isSessionClaims(value: Record<string, unknown>): value is Record<string, unknown> & SessionClaims {
  return (
    value.iss === SESSION_ISSUER &&
    typeof value.sub === 'string' &&
    typeof value.idp === 'string' &&
    typeof value.iat === 'number' &&
    typeof value.exp === 'number' &&
    typeof value.jti === 'string'
  );
}

export class SessionTokens {
  private readonly key: Buffer;

  constructor(
    masterKeyBase64: string,
    private readonly now: () => number = Date.now,
    private readonly lifetimeS = SESSION_LIFETIME_S,
  ) {
    this.key = deriveKey(masterKeyBase64, 'sso-session');
  }

  issue(subject: SessionSubject): IssuedSession {
    const iat = Math.floor(this.now() / 1000);
    const claims: SessionClaims = {
      iss: SESSION_ISSUER,
      sub: subject.openId,
      idp: subject.idpId,
      ...(subject.name ? { name: subject.name } : {}),
      iat,
      exp: iat + this.lifetimeS,
      jti: randomBytes(12).toString('base64url'),
    };
    const signed = `${HEADER}.${toBase64Url(JSON.stringify(claims))}`;
    return {
      session: `${signed}.${hmacBase64Url(this.key, signed)}`,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      claims,
    };
  }

  /** The claims of a genuine, unexpired session; undefined otherwise. */
  verify(session: string): SessionClaims | undefined {
    const parts = session.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return undefined;
    if (!isValidMac(this.key, `${parts[0]}.${parts[1]}`, parts[2])) return undefined;
    const claims = parseBase64UrlJson(parts[1]);
    if (!claims || !isSessionClaims(claims)) return undefined;
    return claims.exp > Math.floor(this.now() / 1000) ? claims : undefined;
  }
}
