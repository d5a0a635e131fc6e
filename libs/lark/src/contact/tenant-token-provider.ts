import { LarkApiError, LarkTransportError } from './lark-api-error';
import { LarkTransport, TransportTimeoutError } from './lark-transport';
import { Clock, systemClock } from './rate-pacer';

/** The SDK's margin: a token is used until 3 minutes before it expires. */
export const TOKEN_EXPIRY_MARGIN_MS = 3 * 60 * 1000;
export const TOKEN_ENDPOINT = 'auth.tenant_access_token';

export interface TenantTokenProviderOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  transport: LarkTransport;
  timeoutMs?: number;
  clock?: Clock;
}

/** tenant_access_token of a custom app (§2.1): cached, renewed before expiry, dropped when Lark rejects it. */
export class TenantTokenProvider {
  private cached?: { token: string; renewAt: number };
  private inFlight?: Promise<string>;
  /** Token requests made, for the run's request count. */
  fetches = 0;

  constructor(private readonly options: TenantTokenProviderOptions) {}

  /** The cached token, or a new one; `fresh` asks Lark even when one is cached (e.g. to check the credentials). */
  async get(fresh = false): Promise<string> {
    const clock = this.options.clock ?? systemClock;
    if (!fresh && this.cached && clock.now() < this.cached.renewAt) return this.cached.token;
    this.inFlight ??= this.fetch().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Drops the cached token if it is the one Lark rejected (a concurrent caller may have renewed it already). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetch(): Promise<string> {
    const { baseUrl, appId, appSecret, transport, timeoutMs = 10_000 } = this.options;
    const clock = this.options.clock ?? systemClock;
    this.fetches++;
    const startedAt = clock.now();
    let response;
    try {
      response = await transport({
        method: 'POST',
        url: `${baseUrl}/open-apis/auth/v3/tenant_access_token/internal`,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
        timeoutMs,
      });
    } catch (error) {
      throw new LarkTransportError(
        TOKEN_ENDPOINT,
        error instanceof TransportTimeoutError ? 'timeout' : 'network',
        (error as Error).message,
      );
    }
    const body = response.body as
      { code?: number; msg?: string; tenant_access_token?: string; expire?: number } | undefined;
    if (body?.code !== 0 || !body.tenant_access_token || typeof body.expire !== 'number') {
      throw LarkApiError.fromResponse(
        body?.code ?? -1,
        response.status,
        body?.msg ?? 'no token in the answer',
        { endpoint: TOKEN_ENDPOINT },
      );
    }
    this.cached = {
      token: body.tenant_access_token,
      renewAt: startedAt + body.expire * 1000 - TOKEN_EXPIRY_MARGIN_MS,
    };
    return body.tenant_access_token;
  }
}
