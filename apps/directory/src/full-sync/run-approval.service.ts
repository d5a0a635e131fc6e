import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOGGER, Logger } from '@app/logging';
import { Actor, AuditRecordRepository } from '@app/persistence';
import { InFlightRuns } from './in-flight-runs';
import { SyncApplier } from './sync.applier';
import { describeError } from './sync-errors';
import { SyncItem } from './sync-items';
import { SyncRunRepository, SyncRunView } from './sync-run.repository';

/** Approval of a run held by the deletion guard (its deactivations applied, those still valid, once), or its rejection. */
@Injectable()
export class RunApprovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runs: SyncRunRepository,
    private readonly audit: AuditRecordRepository,
    private readonly applier: SyncApplier,
    private readonly inFlight: InFlightRuns,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns the run, or undefined when it is not held. */
  async approve(actor: Actor, runId: string): Promise<SyncRunView | undefined> {
    const taken = await this.dataSource.transaction(async (manager) => {
      const approved = await this.runs.takeApproval(runId, manager);
      if (approved)
        await this.audit.append(manager, actor, {
          action: 'sync-run.approved',
          idpId: approved.run.idpId,
          targetId: runId,
          details: { deactivations: approved.pending.length },
        });
      return approved;
    });
    return taken && this.inFlight.track(runId, this.applyApproved(taken.run, taken.pending));
  }

  /** Returns the rejected run, or undefined when it is not held. */
  reject(actor: Actor, runId: string): Promise<SyncRunView | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const rejected = await this.runs.reject(runId, manager);
      if (rejected) {
        await this.audit.append(manager, actor, {
          action: 'sync-run.rejected',
          idpId: rejected.idpId,
          targetId: runId,
          details: { deactivations: rejected.pendingDeactivations?.length ?? 0 },
        });
        this.logger.info({ idpId: rejected.idpId, runId }, 'held full sync rejected');
      }
      return rejected;
    });
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
