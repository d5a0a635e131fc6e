import { inSpan } from '@app/telemetry';
import { Inject, Injectable } from '@nestjs/common';
import { shouldHoldRun } from '@app/directory-domain';
import { LOGGER, Logger } from '@app/logging';
import { IdpRepository } from '../org-store';
import { FullSyncMetrics } from './full-sync.metrics';
import { InFlightRuns } from './in-flight-runs';
import { RunSlots } from './run-slots';
import { SyncApplier } from './sync.applier';
import { SyncDiffer } from './sync-differ';
import { describeError } from './sync-errors';
import { addCounts, countChanges, shouldSyncUsers } from './sync-items';
import { RunOutcome, SyncRunRepository, SyncRunView } from './sync-run.repository';

/** One run from queued to its outcome: claim, snapshot and diff, apply (guarded), record. One run per IdP at a time. */
@Injectable()
export class SyncPipelineService {
  constructor(
    private readonly idps: IdpRepository,
    private readonly runs: SyncRunRepository,
    private readonly differ: SyncDiffer,
    private readonly applier: SyncApplier,
    private readonly inFlight: InFlightRuns,
    private readonly slots: RunSlots,
    private readonly metrics: FullSyncMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Runs the queued run in the background, unless this process already works on it. */
  start(runId: string): void {
    if (!this.inFlight.has(runId)) void this.inFlight.track(runId, this.execute(runId));
  }

  /** Waits for a slot first: the run stays queued (and alive, being in flight) until one is free. */
  private async execute(runId: string): Promise<void> {
    if (this.slots.full)
      this.logger.info({ runId, queued: this.slots.queued + 1 }, 'full sync waits for a free slot');
    const release = await this.slots.acquire();
    try {
      await this.claimAndRun(runId);
    } finally {
      release();
    }
  }

  private async claimAndRun(runId: string): Promise<void> {
    const run = await this.runs.claim(runId);
    if (!run) return;
    const startedAt = Date.now();
    let outcome: RunOutcome;
    try {
      outcome = await inSpan(
        'full-sync run',
        { 'larksync.idp_id': run.idpId, 'larksync.run_id': runId, 'larksync.trigger': run.trigger },
        () => this.sync(run),
      );
    } catch (error) {
      outcome = { status: 'failed', errors: [describeError(error)] };
      this.logger.warn(
        { idpId: run.idpId, runId, err: describeError(error) },
        'full sync failed; nothing deactivated',
      );
    }
    const finished = await this.runs.finish(runId, outcome);
    if (finished.status !== outcome.status)
      this.logger.warn(
        { idpId: run.idpId, runId, outcome: outcome.status },
        'full sync ended after another instance had taken it as interrupted; its retry is the run of record',
      );
    this.metrics.recordRun(
      run.idpId,
      run.trigger,
      finished.status,
      (Date.now() - startedAt) / 1000,
      finished.counts,
      finished.drift,
    );
    this.logger.info(
      {
        idpId: run.idpId,
        runId,
        status: finished.status,
        counts: finished.counts,
        drift: finished.drift,
        durationMs: finished.durationMs,
      },
      'full sync finished',
    );
  }

  private async sync(run: SyncRunView): Promise<RunOutcome> {
    const idp = await this.idps.get(run.idpId);
    if (idp.status === 'closed') throw new Error('the IdP is closed: re-enable it to sync');
    const includeUsers = shouldSyncUsers(run.trigger, run.includeUsers, idp.syncUserInfo);
    // Only the plan and a few numbers outlive the diff: the snapshot and current rows can be collected.
    const {
      takenAt,
      diff: { unchanged, drift },
      plan,
      activeUsers,
      progress,
    } = await this.differ.diff(idp, run, includeUsers);
    const upserted = await this.applier.apply(idp.id, run.id, plan.upserts, takenAt);
    const userDeactivations = plan.deactivations.filter((item) => item.write.entity === 'user').length;
    const guard = shouldHoldRun({
      activeUsers,
      deactivations: userDeactivations,
      thresholdPercent: idp.deletionGuard.maxPercent,
      thresholdCount: idp.deletionGuard.maxCount,
    });
    if (guard.hold) {
      this.logger.warn(
        { idpId: idp.id, runId: run.id, reason: guard.reason },
        'full sync held by the deletion guard',
      );
      return {
        status: 'held',
        counts: addCounts(upserted, countChanges([], unchanged)),
        drift,
        pending: plan.deactivations,
        progress,
        errors: [{ message: guard.reason }],
      };
    }
    const deactivated = await this.applier.apply(idp.id, run.id, plan.deactivations, takenAt);
    return {
      status: 'succeeded',
      counts: addCounts(addCounts(upserted, deactivated), countChanges([], unchanged)),
      drift,
      progress,
    };
  }
}
