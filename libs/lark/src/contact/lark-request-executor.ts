import { SpanKind } from '@opentelemetry/api';
import { inSpan } from '@app/telemetry';
import {
  LarkApiError,
  LarkTransportError,
  RATE_LIMITED_CODE,
  TOKEN_INVALID_CODES,
  TRANSIENT_CODES,
} from './lark-api-error';
import { LarkHttpResponse, LarkTransport, TransportTimeoutError } from './lark-transport';
import { Clock, RatePacer, systemClock } from './rate-pacer';
import { TenantTokenProvider } from './tenant-token-provider';

export interface RetryPolicy {
  /** Attempts per request on 5xx, internal-error codes and timeouts. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** 429 answers tolerated per request before it fails. */
  maxRateLimitWaits: number;
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 5000,
  maxRateLimitWaits: 30,
  timeoutMs: 15_000,
};

/** What the client did, for the run record and metrics. */
export interface LarkCallStats {
  requests: number;
  pages: number;
  retries: number;
  rateLimitWaits: number;
  /** Time spent waiting for the pacer or a 429 reset, in ms. */
  rateLimitWaitMs: number;
  tokenFetches: number;
}

export function emptyCallStats(): LarkCallStats {
  return { requests: 0, pages: 0, retries: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, tokenFetches: 0 };
}

export type AnswerKind = 'ok' | 'rate-limited' | 'token-invalid' | 'transient' | 'fatal';

/** Sorts one Lark answer into what the caller must do next. */
export function classifyAnswer(response: LarkHttpResponse): AnswerKind {
  const code = larkCode(response);
  if (response.status === 429 || code === RATE_LIMITED_CODE) return 'rate-limited';
  if (code === 0 && response.status < 400) return 'ok';
  if (code !== undefined && TOKEN_INVALID_CODES.has(code)) return 'token-invalid';
  if (response.status >= 500 || code === undefined || TRANSIENT_CODES.has(code)) return 'transient';
  return 'fatal';
}

function larkCode(response: LarkHttpResponse): number | undefined {
  const code = (response.body as { code?: unknown } | undefined)?.code;
  if (typeof code === 'number') return code;
  return typeof code === 'string' && /^\d+$/.test(code) ? Number(code) : undefined;
}

export interface LarkGet {
  endpoint: string;
  path: string;
  query: [string, string][];
  /** The department or user the call is about, for the error message. */
  subject?: string;
}

interface Attempt {
  failures: number;
  rateLimitWaits: number;
  isTokenRenewed: boolean;
}

/** Sends one GET with pacing, token renewal (once), bounded jittered retries and 429 handling; throws on failure. */
export class LarkRequestExecutor {
  constructor(
    private readonly baseUrl: string,
    private readonly transport: LarkTransport,
    private readonly tokens: TenantTokenProvider,
    private readonly pacer: RatePacer,
    private readonly stats: LarkCallStats,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly clock: Clock = systemClock,
    private readonly random: () => number = Math.random,
  ) {}

  /** One span per call, retries and rate-limit waits included: a full sync's trace shows each page. */
  get<T>(call: LarkGet): Promise<T> {
    const attributes = { 'lark.endpoint': call.endpoint, 'http.request.method': 'GET' };
    return inSpan(`lark ${call.endpoint}`, attributes, () => this.getWithRetries<T>(call), SpanKind.CLIENT);
  }

  private async getWithRetries<T>(call: LarkGet): Promise<T> {
    const attempt: Attempt = { failures: 0, rateLimitWaits: 0, isTokenRenewed: false };
    for (;;) {
      const outcome = await this.tryOnce<T>(call, attempt);
      if (outcome.done) return outcome.data;
    }
  }

  private async tryOnce<T>(
    call: LarkGet,
    attempt: Attempt,
  ): Promise<{ done: true; data: T } | { done: false }> {
    this.stats.rateLimitWaitMs += await this.pacer.for(call.endpoint).acquire();
    const token = await this.tokenOrRetry(call, attempt);
    if (token === undefined) return { done: false };
    const response = await this.send(call, token, attempt);
    if (!response) return { done: false };
    switch (classifyAnswer(response)) {
      case 'ok':
        return { done: true, data: ((response.body as { data?: T }).data ?? {}) as T };
      case 'rate-limited':
        this.onRateLimited(call, response, attempt);
        return { done: false };
      case 'token-invalid':
        if (attempt.isTokenRenewed) throw this.errorOf(call, response);
        attempt.isTokenRenewed = true;
        this.tokens.invalidate(token);
        return { done: false };
      case 'transient':
        await this.backOff(call, attempt, () => this.errorOf(call, response));
        return { done: false };
      case 'fatal':
        throw this.errorOf(call, response);
    }
  }

  private async tokenOrRetry(call: LarkGet, attempt: Attempt): Promise<string | undefined> {
    const fetchesBefore = this.tokens.fetches;
    try {
      return await this.tokens.get();
    } catch (error) {
      const isTransient =
        error instanceof LarkTransportError ||
        (error instanceof LarkApiError && (error.httpStatus >= 500 || TRANSIENT_CODES.has(error.code)));
      if (!isTransient) throw error;
      await this.backOff(call, attempt, () => error as Error);
      return undefined;
    } finally {
      this.stats.tokenFetches += this.tokens.fetches - fetchesBefore;
    }
  }

  private async send(call: LarkGet, token: string, attempt: Attempt): Promise<LarkHttpResponse | undefined> {
    const query = new URLSearchParams(call.query).toString();
    this.stats.requests++;
    try {
      return await this.transport({
        method: 'GET',
        url: `${this.baseUrl}/open-apis/${call.path}${query ? `?${query}` : ''}`,
        headers: { authorization: `Bearer ${token}` },
        timeoutMs: this.policy.timeoutMs,
      });
    } catch (error) {
      const reason = error instanceof TransportTimeoutError ? 'timeout' : 'network';
      await this.backOff(
        call,
        attempt,
        () => new LarkTransportError(call.endpoint, reason, (error as Error).message),
      );
      return undefined;
    }
  }

  private onRateLimited(call: LarkGet, response: LarkHttpResponse, attempt: Attempt): void {
    attempt.rateLimitWaits++;
    this.stats.rateLimitWaits++;
    if (attempt.rateLimitWaits > this.policy.maxRateLimitWaits) throw this.errorOf(call, response);
    const reset = Number(response.headers['x-ogw-ratelimit-reset']);
    const resetSeconds = Number.isFinite(reset) && reset > 0 ? reset : 1;
    this.pacer.for(call.endpoint).pause(resetSeconds + this.random() * 0.2);
  }

  private async backOff(call: LarkGet, attempt: Attempt, failure: () => Error): Promise<void> {
    attempt.failures++;
    if (attempt.failures >= this.policy.maxAttempts) throw failure();
    this.stats.retries++;
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt.failures - 1));
    await this.clock.sleep(ceiling / 2 + this.random() * (ceiling / 2));
  }

  private errorOf(call: LarkGet, response: LarkHttpResponse): LarkApiError {
    const body = response.body as { code?: number; msg?: string } | undefined;
    return LarkApiError.fromResponse(
      larkCode(response) ?? -1,
      response.status,
      body?.msg ?? '',
      { endpoint: call.endpoint, subject: call.subject },
      body,
    );
  }
}
