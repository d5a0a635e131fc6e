import { createHash, randomBytes } from 'node:crypto';
import { SimClock } from './sim-clock';

export const AUTHORIZATION_CODE_LIFETIME_MS = 5 * 60 * 1000;
export const USER_TOKEN_LIFETIME_S = 7200;
export const REFRESH_TOKEN_LIFETIME_S = 604_800;

export interface AuthorizationCode {
  appId: string;
  openId: string;
  redirectUri: string;
  scope: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  expiresAt: number;
  isUsed: boolean;
}

export interface UserToken {
  appId: string;
  openId: string;
  scope: string;
  expiresAt: number;
}

export type CodeRedemption = { grant: AuthorizationCode } | { errorCode: 20003 | 20004 | 20065 };

/** Authorization codes (5 minutes, single use), user access tokens and single-use refresh tokens. */
export class OAuthGrants {
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly accessTokens = new Map<string, UserToken>();
  private readonly refreshTokens = new Map<string, UserToken & { isUsed: boolean }>();

  constructor(private readonly clock: SimClock) {}

  issueCode(grant: Omit<AuthorizationCode, 'expiresAt' | 'isUsed'>): string {
    const code = randomBytes(36).toString('base64url');
    this.codes.set(code, {
      ...grant,
      expiresAt: this.clock.now() + AUTHORIZATION_CODE_LIFETIME_MS,
      isUsed: false,
    });
    return code;
  }

  /** Marks the code used on success, so a second redemption fails with 20065. */
  redeemCode(code: string): CodeRedemption {
    const grant = this.codes.get(code);
    if (!grant) return { errorCode: 20003 };
    if (grant.isUsed) return { errorCode: 20065 };
    if (grant.expiresAt <= this.clock.now()) return { errorCode: 20004 };
    grant.isUsed = true;
    return { grant };
  }

  issueTokens(appId: string, openId: string, scope: string): { accessToken: string; refreshToken?: string } {
    const accessToken = `u-${randomBytes(48).toString('base64url')}`;
    this.accessTokens.set(accessToken, {
      appId,
      openId,
      scope,
      expiresAt: this.clock.now() + USER_TOKEN_LIFETIME_S * 1000,
    });
    if (!scope.split(' ').includes('offline_access')) return { accessToken };
    const refreshToken = `ur-${randomBytes(48).toString('base64url')}`;
    this.refreshTokens.set(refreshToken, {
      appId,
      openId,
      scope,
      expiresAt: this.clock.now() + REFRESH_TOKEN_LIFETIME_S * 1000,
      isUsed: false,
    });
    return { accessToken, refreshToken };
  }

  redeemRefreshToken(refreshToken: string): UserToken | { errorCode: 20026 | 20037 | 20073 } {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant) return { errorCode: 20026 };
    if (grant.isUsed) return { errorCode: 20073 };
    if (grant.expiresAt <= this.clock.now()) return { errorCode: 20037 };
    grant.isUsed = true;
    return grant;
  }

  resolveAccessToken(token: string): UserToken | undefined {
    const grant = this.accessTokens.get(token);
    return grant && grant.expiresAt > this.clock.now() ? grant : undefined;
  }
}

export function verifyPkce(challenge: string, method: string | undefined, verifier: string): boolean {
  if ((method ?? 'plain') === 'plain') return challenge === verifier;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}
