import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { InFlightRuns } from './in-flight-runs';
import { SyncApplier } from './sync.applier';
import { describeError } from './sync-errors';
import { SyncItem } from './sync-items';
import { SyncRunRepository, SyncRunView } from './sync-run.repository';

/** Approval of a run held by the deletion guard: its deactivations applied, those still valid, once. */
@Injectable()
export class RunApprovalService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly applier: SyncApplier,
    private readonly inFlight: InFlightRuns,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the run, or undefined when it is not held. */
  async approve(runId: string): Promise<SyncRunView | undefined> {
    const taken = await this.runs.takeApproval(runId);
    return taken && this.inFlight.track(runId, this.applyApproved(taken.run, taken.pending));
  }

  private async applyApproved(run: SyncRunView, pending: SyncItem[]): Promise<SyncRunView> {
    const runId = run.id;
    try {
      const applied = await this.applier.apply(
        run.idpId,
        run.id,
        pending,
        new Date(run.snapshotAt!).getTime(),
      );
      const counts = {
        ...run.counts,
        deactivated: (run.counts.deactivated ?? 0) + applied.deactivated,
      };
      this.logger.info(
        { idpId: run.idpId, runId, deactivated: applied.deactivated },
        'held full sync approved',
      );
      return await this.runs.finish(runId, { status: 'succeeded', counts, drift: run.drift });
    } catch (error) {
      return await this.runs.finish(runId, {
        status: 'failed',
        counts: run.counts,
        drift: run.drift,
        errors: [describeError(error)],
        pending,
      });
    }
  }
}
