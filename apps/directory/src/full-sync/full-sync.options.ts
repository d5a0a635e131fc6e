import { RateLimitSpec, RetryPolicy } from '@app/lark';

export const FULL_SYNC_OPTIONS = Symbol('FULL_SYNC_OPTIONS');

export interface FullSyncOptions {
  /** The master keys (LARKSYNC_MASTER_KEYS or LARKSYNC_MASTER_KEY): open the IdPs' sealed credentials. */
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
  /** How often a worker marks its runs alive and looks for interrupted ones (default 10 s). */
  heartbeatMs?: number;
  /** A queued or running run untouched for this long was interrupted: its worker stopped (default 60 s). */
  staleAfterMs?: number;
  /** Attempts of a run whose workers keep stopping, the first included (default 3). */
  maxAttempts?: number;
  /** Full syncs this replica runs at once (default 4); more wait in order, queued and kept alive. */
  maxConcurrentRuns?: number;
}
