import { Injectable } from '@nestjs/common';
import { SignInStandingReader } from '@app/persistence';
import { SessionClaims, SessionTokens } from '../sessions/session-tokens';
import { IdpLookupService } from '../idp/idp-lookup.service';
import { refusalForStanding } from './login-decision';

/** RFC 7662 §2.2: an inactive token's answer says nothing else. */
export type Introspection = { active: false } | ({ active: true; token_type: 'Bearer' } & SessionClaims);

const INACTIVE: Introspection = { active: false };

/**
 * Whether a session still stands: genuine and unexpired, its IdP enabled, and its user still active and in
 * scope in the directory now, read fresh, so a resignation ends every live session as soon as it is applied.
 */
@Injectable()
export class SessionIntrospectionService {
  constructor(
    private readonly sessions: SessionTokens,
    private readonly idps: IdpLookupService,
    private readonly standings: SignInStandingReader,
  ) {}

  /** Rejects when the IdP or the directory cannot be read: neither answer would be true. */
  async introspect(token: string | undefined): Promise<Introspection> {
    const claims = token ? await this.sessions.verify(token) : undefined;
    if (!claims) return INACTIVE;
    const idp = await this.idps.find(claims.idp);
    if (idp?.status !== 'enabled') return INACTIVE;
    const standing = await this.standings.find(claims.idp, claims.sub);
    if (refusalForStanding(standing)) return INACTIVE;
    return { active: true, token_type: 'Bearer', ...claims };
  }
}
