import { Inject, Injectable } from '@nestjs/common';
import { fullSyncCommand } from '@app/contracts';
import { LOGGER, Logger } from '@app/logging';
import { IdpSyncFailureStreakReader, IdpSyncScheduleReader } from '@app/persistence';
import { Clock } from './clock';
import { FullSyncCommandPublisher } from './full-sync-command.publisher';
import { decideSchedule, ScheduledIdp } from './schedule-decision';
import { LatestSlot, ScheduleSlotRepository } from './schedule-slot.repository';
import { SchedulerMetrics } from './scheduler.metrics';
import { SCHEDULER_OPTIONS, SchedulerOptions } from './scheduler.options';

export type IdpOutcome = 'inactive' | 'waiting' | 'published' | 'republished' | 'claimed-by-peer';

export interface TickSummary {
  outcomes: Record<IdpOutcome, number>;
  failed: number;
}

/** One pass over every IdP: decide, claim the due slot, publish, mark published. */
@Injectable()
export class ScheduleRunnerService {
  constructor(
    private readonly idps: IdpSyncScheduleReader,
    private readonly slots: ScheduleSlotRepository,
    private readonly failureStreaks: IdpSyncFailureStreakReader,
    private readonly commands: FullSyncCommandPublisher,
    private readonly metrics: SchedulerMetrics,
    private readonly clock: Clock,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async runOnce(): Promise<TickSummary> {
    const now = this.clock.now();
    const idps = await this.idps.findAll();
    const ids = idps.map((idp) => idp.id);
    const [latest, failures] = await Promise.all([
      this.slots.latestSlots(this.options.claimTimeoutMs),
      this.failureStreaks.consecutiveFailures(ids),
    ]);
    this.metrics.forgetAllBut(new Set(ids));
    const results = await Promise.allSettled(
      idps.map((idp) => this.scheduleIdp(idp, latest.get(idp.id) ?? null, failures.get(idp.id) ?? 0, now)),
    );
    return this.summarise(idps, results);
  }

  private async scheduleIdp(
    idp: ScheduledIdp,
    latest: LatestSlot | null,
    failures: number,
    now: number,
  ): Promise<IdpOutcome> {
    const decision = decideSchedule(
      idp,
      { lastSlotStart: latest?.slotStart ?? null, consecutiveFailures: failures },
      now,
    );
    switch (decision.kind) {
      case 'inactive':
        this.metrics.unscheduled(idp.id);
        this.metrics.slotSkipped(idp.id, decision.slotStart, decision.reason);
        return 'inactive';
      case 'publish':
        this.metrics.scheduled(idp.id, decision.nextRunAt, decision.backoffFactor);
        return this.publishSlot(idp, decision.slotStart, decision.commandId, decision.missedSlots, now);
      case 'wait':
        this.metrics.scheduled(idp.id, decision.nextRunAt, decision.backoffFactor);
        if (decision.suppressedSlot !== null)
          this.metrics.slotSkipped(idp.id, decision.suppressedSlot, 'backoff');
        return latest?.stale ? this.republish(idp, latest, now) : 'waiting';
    }
  }

  private async publishSlot(
    idp: ScheduledIdp,
    slotStart: number,
    commandId: string,
    missedSlots: number,
    now: number,
  ): Promise<IdpOutcome> {
    if (!(await this.slots.claim(idp.id, slotStart, commandId, this.options.instanceId))) {
      this.metrics.slotSkipped(idp.id, slotStart, 'claimed-by-peer');
      return 'claimed-by-peer';
    }
    await this.send(idp, slotStart, commandId, now);
    this.metrics.commandPublished('scheduled');
    this.metrics.slotsMissed(missedSlots);
    this.logger.info(
      { idpId: idp.id, commandId, slotStart: new Date(slotStart).toISOString(), missedSlots },
      'scheduled full sync published',
    );
    return 'published';
  }

  /** A replica claimed this slot and died before publishing it: publish it again under the same commandId. */
  private async republish(idp: ScheduledIdp, slot: LatestSlot, now: number): Promise<IdpOutcome> {
    if (
      !(await this.slots.reclaimStale(
        idp.id,
        slot.slotStart,
        this.options.claimTimeoutMs,
        this.options.instanceId,
      ))
    ) {
      return 'claimed-by-peer';
    }
    await this.send(idp, slot.slotStart, slot.commandId, now);
    this.metrics.commandPublished('republished');
    this.logger.info(
      { idpId: idp.id, commandId: slot.commandId, slotStart: new Date(slot.slotStart).toISOString() },
      'stale slot re-published',
    );
    return 'republished';
  }

  private async send(idp: ScheduledIdp, slotStart: number, commandId: string, now: number): Promise<void> {
    const command = fullSyncCommand({
      commandId,
      idpId: idp.id,
      reason: 'scheduled',
      requestedAt: new Date(now).toISOString(),
      includeUsers: idp.syncUserInfo,
    });
    try {
      await this.commands.publish(command);
    } catch (error) {
      await this.slots.release(idp.id, slotStart, this.options.instanceId);
      throw error;
    }
    await this.slots.markPublished(idp.id, slotStart);
  }

  private summarise(idps: ScheduledIdp[], results: PromiseSettledResult<IdpOutcome>[]): TickSummary {
    const outcomes: Record<IdpOutcome, number> = {
      inactive: 0,
      waiting: 0,
      published: 0,
      republished: 0,
      'claimed-by-peer': 0,
    };
    let failed = 0;
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        outcomes[result.value] += 1;
        return;
      }
      failed += 1;
      this.metrics.tickFailed();
      this.logger.warn(
        { idpId: idps[index].id, error: (result.reason as Error).message },
        'scheduling the IdP failed; retrying next tick',
      );
    });
    return { outcomes, failed };
  }
}
