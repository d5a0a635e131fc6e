import { RateLimitSpec, RetryPolicy } from '@app/lark';

export const FULL_SYNC_OPTIONS = Symbol('FULL_SYNC_OPTIONS');

export interface FullSyncOptions {
  /** LARKSYNC_MASTER_KEY: opens the IdPs' sealed credentials. */
  masterKey: string;
  /** LARK_BASE_URL: overrides the platform's origin (the simulator in tests and the demo). */
  larkBaseUrl?: string;
  /** Lark requests in flight per run (default 8); the pacer keeps them under the rate limit. */
  concurrency?: number;
  /** Per-endpoint limits; default 50/s and 1000/min (Lark tier 4). */
  rateLimits?: Record<string, RateLimitSpec>;
  defaultRateLimit?: RateLimitSpec;
  /** Per-request timeout and retry bounds of Lark calls. */
  retry?: Partial<RetryPolicy>;
  /** Rows per transaction when applying (default 2000). */
  chunkSize?: number;
  /** User chunks applied side by side, each in its own transaction (default 2). */
  applyConcurrency?: number;
  /** Where manual syncs publish their command (default directory.commands.v1). */
  commandTopic?: string;
  /** A queued or running run without progress for this long is taken as interrupted (default 10 min). */
  staleAfterMs?: number;
}
