/** Input of the deletion guard. */
export interface DeletionGuardInput {
  /** Active users before the run. */
  activeUsers: number;
  /** Users the run would deactivate. */
  deactivations: number;
  /** Default 10. */
  thresholdPercent?: number;
  /** Default 100. */
  thresholdCount?: number;
}

/** Whether to hold a run, and why. */
export interface DeletionGuardDecision {
  hold: boolean;
  /** The effective limit: min(percent of active users, count). */
  limit: number;
  reason: string;
}

/**
 * Holds a run that would deactivate more than thresholdPercent of the users or more than thresholdCount users,
 * whichever is smaller. A failed or throttled read must never look like "everyone left".
 */
export function shouldHoldRun(input: DeletionGuardInput): DeletionGuardDecision {
  const { activeUsers, deactivations, thresholdPercent = 10, thresholdCount = 100 } = input;
  const limit = Math.min((activeUsers * thresholdPercent) / 100, thresholdCount);
  const shown = Number.isInteger(limit) ? String(limit) : limit.toFixed(1);
  if (deactivations > limit) {
    return {
      hold: true,
      limit,
      reason: `would deactivate ${deactivations} of ${activeUsers} users, above the limit of ${shown} (${thresholdPercent} % or ${thresholdCount} users, whichever is smaller); approve the run to apply`,
    };
  }
  return { hold: false, limit, reason: `${deactivations} deactivations within the limit of ${shown}` };
}
