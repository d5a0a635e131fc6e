import { randomBytes } from 'node:crypto';
import { SimClock } from './sim-clock';

export const TENANT_TOKEN_LIFETIME_MS = 2 * 60 * 60 * 1000;
export const TENANT_TOKEN_RENEWAL_WINDOW_MS = 30 * 60 * 1000;

interface IssuedToken {
  token: string;
  appId: string;
  expiresAt: number;
  isRevoked: boolean;
}

/**
 * tenant_access_token issuance as Lark does it: the same token while it has at least 30 minutes
 * left, a new one after that, and the old one stays valid until its own expiry.
 */
export class TenantTokenRegistry {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly newestByApp = new Map<string, IssuedToken>();

  constructor(private readonly clock: SimClock) {}

  issue(appId: string): { token: string; expireSeconds: number } {
    const now = this.clock.now();
    const current = this.newestByApp.get(appId);
    if (current && !current.isRevoked && current.expiresAt - now >= TENANT_TOKEN_RENEWAL_WINDOW_MS) {
      return { token: current.token, expireSeconds: Math.floor((current.expiresAt - now) / 1000) };
    }
    const issued: IssuedToken = {
      token: `t-${randomBytes(20).toString('hex')}`,
      appId,
      expiresAt: now + TENANT_TOKEN_LIFETIME_MS,
      isRevoked: false,
    };
    this.tokens.set(issued.token, issued);
    this.newestByApp.set(appId, issued);
    return { token: issued.token, expireSeconds: TENANT_TOKEN_LIFETIME_MS / 1000 };
  }

  /** The app a token belongs to, or undefined when unknown, expired or revoked. */
  resolve(token: string): string | undefined {
    const issued = this.tokens.get(token);
    if (!issued || issued.isRevoked || issued.expiresAt <= this.clock.now()) return undefined;
    return issued.appId;
  }

  revoke(token: string): void {
    const issued = this.tokens.get(token);
    if (issued) issued.isRevoked = true;
  }

  /** Forced expiry for tests: every token of the app (or of all apps) stops working now. */
  revokeAll(appId?: string): void {
    for (const issued of this.tokens.values()) {
      if (appId === undefined || issued.appId === appId) issued.isRevoked = true;
    }
  }
}
