import { Inject, Injectable } from '@nestjs/common';
import { fetchTransport, LarkContactClient, RatePacer, TenantTokenProvider } from '@app/lark';
import { Idp, openCredentials, SecretBox } from '@app/persistence';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';

const PLATFORM_ORIGINS = { feishu: 'https://open.feishu.cn', lark: 'https://open.larksuite.com' } as const;

/**
 * Builds a contact client per run (fresh counters) that shares, per Lark app, the token cache and the
 * pacer: Lark limits per app and tenant, so two runs or a run and a connectivity test share one budget.
 */
@Injectable()
export class LarkClientFactory {
  private readonly box: SecretBox;
  private readonly perApp = new Map<
    string,
    { tokens: TenantTokenProvider; pacer: RatePacer; secretFingerprint: string }
  >();

  constructor(@Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions) {
    this.box = new SecretBox(options.masterKey);
  }

  /** The app secret saved for an IdP, for a test that keeps it (typed as empty). */
  savedSecretOf(idp: Idp): string {
    return openCredentials(this.box, idp).appSecret;
  }

  /**
   * A client for credentials typed in the console, not saved: its token and pacer are its own and dropped
   * with it, so a typed secret is kept nowhere.
   */
  clientForTyped(credentials: {
    appId: string;
    appSecret: string;
    platform: Idp['platform'];
  }): LarkContactClient {
    const baseUrl = this.options.larkBaseUrl ?? PLATFORM_ORIGINS[credentials.platform];
    const tokens = new TenantTokenProvider({
      baseUrl,
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      transport: fetchTransport,
      timeoutMs: this.options.retry?.timeoutMs,
    });
    return new LarkContactClient({
      baseUrl,
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      tokens,
      pacer: new RatePacer(this.options.rateLimits ?? {}, this.options.defaultRateLimit),
      retry: this.options.retry,
    });
  }

  clientFor(idp: Idp): LarkContactClient {
    const credentials = openCredentials(this.box, idp);
    const baseUrl = this.options.larkBaseUrl ?? PLATFORM_ORIGINS[idp.platform];
    const key = `${baseUrl}|${credentials.appId}`;
    let shared = this.perApp.get(key);
    if (!shared || shared.secretFingerprint !== credentials.appSecret) {
      const tokens = new TenantTokenProvider({
        baseUrl,
        appId: credentials.appId,
        appSecret: credentials.appSecret,
        transport: fetchTransport,
        timeoutMs: this.options.retry?.timeoutMs,
      });
      shared = {
        tokens,
        pacer: new RatePacer(this.options.rateLimits ?? {}, this.options.defaultRateLimit),
        secretFingerprint: credentials.appSecret,
      };
      this.perApp.set(key, shared);
    }
    return new LarkContactClient({
      baseUrl,
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      tokens: shared.tokens,
      pacer: shared.pacer,
      retry: this.options.retry,
    });
  }
}
