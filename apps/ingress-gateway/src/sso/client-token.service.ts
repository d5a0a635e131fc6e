import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { SignInStandingReader } from '@app/persistence';
import { ClientLanguage } from '../client-language/client-language';
import { IdpLookupService } from '../idp/idp-lookup.service';
import { SessionKeysUnavailable, SessionTokens } from '../sessions/session-tokens';
import { ClientCodeRepository } from './client-code.repository';
import { refusalForStanding } from './login-decision';
import { refusalMessage } from './refusal-messages';
import { SsoMetrics } from './sso.metrics';
import { refusals, SsoRefusal } from './sso-refusal';
import { codeChallenge } from './sso-state';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const CODE_VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export interface TokenRequest {
  grantType?: string;
  code?: string;
  codeVerifier?: string;
  redirectUri?: string;
}

export type TokenReply = { status: number; body: Record<string, unknown> };

const sameText = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

const tokenError = (status: number, code: string) => new SsoRefusal(status, code, code);

/**
 * The native client's token endpoint (RFC 6749 §4.1.3 with RFC 7636): a one-time code and the PKCE verifier of
 * its challenge give the SASE session, once, while the user may still sign in.
 */
@Injectable()
export class ClientTokenService {
  constructor(
    private readonly codes: ClientCodeRepository,
    private readonly idps: IdpLookupService,
    private readonly standings: SignInStandingReader,
    private readonly sessions: SessionTokens,
    private readonly metrics: SsoMetrics,
  ) {}

  async redeem(request: TokenRequest, language: ClientLanguage): Promise<TokenReply> {
    try {
      const reply = await this.exchange(request);
      this.metrics.clientTokens.inc({ outcome: 'session' });
      return reply;
    } catch (error) {
      if (!(error instanceof SsoRefusal)) throw error;
      this.metrics.clientTokens.inc({ outcome: error.code });
      const message = refusalMessage(error.code, language);
      return { status: error.status, body: { error: error.code, error_description: message, message } };
    }
  }

  private async exchange(request: TokenRequest): Promise<TokenReply> {
    if (request.grantType !== 'authorization_code') throw tokenError(400, 'unsupported_grant_type');
    if (
      !request.code ||
      !request.codeVerifier ||
      !CODE_VERIFIER.test(request.codeVerifier) ||
      !request.redirectUri
    )
      throw tokenError(400, 'invalid_request');
    const grant = await this.codes.take(request.code).catch(() => {
      throw refusals.sessionsUnavailable();
    });
    // The code is spent either way: a wrong verifier or redirect URI does not leave it to be tried again.
    if (
      !grant ||
      !sameText(codeChallenge(request.codeVerifier), grant.codeChallenge) ||
      !sameText(request.redirectUri, grant.redirectUri)
    )
      throw tokenError(400, 'invalid_grant');
    const idp = await this.idps.find(grant.idpId).catch(() => {
      throw refusals.idpLookupFailed();
    });
    if (!idp) throw refusals.unknownIdp();
    if (idp.status !== 'enabled') throw refusals.idpClosed();
    const standing = await this.standings.find(grant.idpId, grant.openId).catch(() => {
      throw new SsoRefusal(503, 'directory_unavailable', 'the directory could not be read');
    });
    const standingRefusal = refusalForStanding(standing);
    if (standingRefusal) throw standingRefusal;
    const issued = await this.sessions
      .issue({ openId: grant.openId, idpId: grant.idpId, name: grant.name })
      .catch((error: unknown) => {
        throw error instanceof SessionKeysUnavailable ? refusals.sessionsUnavailable() : error;
      });
    return {
      status: 200,
      body: {
        session: issued.session,
        expiresAt: issued.expiresAt,
        token_type: 'Bearer',
        subject: { openId: grant.openId, idpId: grant.idpId },
      },
    };
  }
}
