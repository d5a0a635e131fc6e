export const SCHEDULER_OPTIONS = Symbol('SCHEDULER_OPTIONS');

export interface SchedulerOptions {
  /** Names this replica in the claims it makes. */
  instanceId: string;
  tickMs: number;
  /** How long a claimed slot may stay unpublished before another replica re-publishes it. */
  claimTimeoutMs: number;
}
