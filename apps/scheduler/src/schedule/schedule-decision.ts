import type { IdpSyncSchedule } from '@app/persistence';
import { backoffFactor, cycleMs, firstSlotAtOrAfter, latestSlotStart, scheduledCommandId } from './slot-grid';

/** What the scheduler reads of an IdP each tick: the directory's read model `idp_sync_schedule`. */
export type ScheduledIdp = IdpSyncSchedule;

/** What is known of the IdP's past runs. */
export interface ScheduleHistory {
  /** Start of the latest slot claimed by any replica, or null when none ever was. */
  lastSlotStart: number | null;
  /** Failed runs since the last successful one. */
  consecutiveFailures: number;
}

export type InactiveReason = 'closed' | 'auto-sync-off';

export type ScheduleDecision =
  | { kind: 'inactive'; reason: InactiveReason; slotStart: number }
  | {
      kind: 'publish';
      slotStart: number;
      commandId: string;
      includeUsers: boolean;
      /** Slots that came due while no scheduler ran; collapsed into this one. */
      missedSlots: number;
      backoffFactor: number;
      nextRunAt: number;
    }
  | { kind: 'wait'; nextRunAt: number; backoffFactor: number; suppressedSlot: number | null };

/**
 * Decides whether the IdP's latest slot is due. A slot is due once it starts at or after the earliest allowed
 * time: one stretched cycle after the last claimed slot, or the IdP's creation when none was claimed. After
 * downtime only the latest due slot is published.
 */
export function decideSchedule(idp: ScheduledIdp, history: ScheduleHistory, now: number): ScheduleDecision {
  const cycle = cycleMs(idp.syncIntervalHours);
  const latest = latestSlotStart(idp.id, cycle, now);
  if (idp.status === 'closed') return { kind: 'inactive', reason: 'closed', slotStart: latest };
  if (!idp.autoSync) return { kind: 'inactive', reason: 'auto-sync-off', slotStart: latest };

  const factor = backoffFactor(cycle, history.consecutiveFailures);
  const last = history.lastSlotStart;
  const earliest = last === null ? idp.createdAt : last + cycle * factor;
  if (latest >= earliest) {
    const missedSlots =
      last === null ? 0 : Math.max(0, (latest - firstSlotAtOrAfter(idp.id, cycle, earliest)) / cycle);
    return {
      kind: 'publish',
      slotStart: latest,
      commandId: scheduledCommandId(idp.id, latest),
      includeUsers: idp.syncUserInfo,
      missedSlots,
      backoffFactor: factor,
      nextRunAt: latest + cycle * factor,
    };
  }
  const wouldBeDue = last !== null && latest >= last + cycle;
  return {
    kind: 'wait',
    nextRunAt: firstSlotAtOrAfter(idp.id, cycle, earliest),
    backoffFactor: factor,
    suppressedSlot: wouldBeDue ? latest : null,
  };
}
