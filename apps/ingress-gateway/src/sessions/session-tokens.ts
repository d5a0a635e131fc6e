import { Inject, Injectable } from '@nestjs/common';
import { JWTPayload, jwtVerify, SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { SESSION_ALGORITHM, SigningKeysService } from './signing-keys.service';

export interface SessionTokensOptions {
  /** `iss`: the gateway's public origin, where relying parties find the JWKS. */
  issuer: string;
  /** `aud`: who the sessions are for. */
  audience: string;
  lifetimeS: number;
}

export const SESSION_TOKENS_OPTIONS = Symbol('SESSION_TOKENS_OPTIONS');

/** Claims of a SASE session: an EdDSA JWT that anyone holding the gateway's JWKS can verify. */
export interface SessionClaims {
  iss: string;
  aud: string;
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

export class SessionKeysUnavailable extends Error {
  constructor() {
    super('no session signing key could be loaded yet');
  }
}

function isSessionClaims(payload: JWTPayload): payload is JWTPayload & SessionClaims {
  return (
    typeof payload.sub === 'string' &&
    typeof payload.idp === 'string' &&
    typeof payload.iat === 'number' &&
    typeof payload.exp === 'number' &&
    typeof payload.jti === 'string'
  );
}

@Injectable()
export class SessionTokens {
  constructor(
    private readonly keys: SigningKeysService,
    @Inject(SESSION_TOKENS_OPTIONS) private readonly options: SessionTokensOptions,
  ) {}

  async issue(subject: SessionSubject): Promise<IssuedSession> {
    const key = this.keys.signingKey();
    if (!key) throw new SessionKeysUnavailable();
    const iat = Math.floor(Date.now() / 1000);
    const claims: SessionClaims = {
      iss: this.options.issuer,
      aud: this.options.audience,
      sub: subject.openId,
      idp: subject.idpId,
      ...(subject.name ? { name: subject.name } : {}),
      iat,
      exp: iat + this.options.lifetimeS,
      jti: randomBytes(12).toString('base64url'),
    };
    const session = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: SESSION_ALGORITHM, kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
    return { session, expiresAt: new Date(claims.exp * 1000).toISOString(), claims };
  }

  /** The claims of a genuine, unexpired session of ours; undefined otherwise. */
  async verify(session: string): Promise<SessionClaims | undefined> {
    try {
      const { payload } = await jwtVerify(
        session,
        (header) => {
          const key = header.kid === undefined ? undefined : this.keys.verificationKey(header.kid);
          if (!key) throw new Error('unknown key');
          return key;
        },
        { issuer: this.options.issuer, audience: this.options.audience, algorithms: [SESSION_ALGORITHM] },
      );
      return isSessionClaims(payload) ? payload : undefined;
    } catch {
      return undefined;
    }
  }
}
