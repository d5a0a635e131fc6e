import { Injectable } from '@nestjs/common';
import { SnapshotDiff } from '@app/directory-domain';
import { Idp } from '@app/persistence';
import { IdpRepository } from '../org-store';
import { InFlightRuns } from './in-flight-runs';
import { describeError } from './sync-errors';
import { SyncDiffer } from './sync-differ';
import { countChanges } from './sync-items';
import { SyncRunRepository, SyncRunView } from './sync-run.repository';

/** Computes what a run would change, records it as a dry run, applies nothing. */
@Injectable()
export class DryRunService {
  constructor(
    private readonly idps: IdpRepository,
    private readonly runs: SyncRunRepository,
    private readonly differ: SyncDiffer,
    private readonly inFlight: InFlightRuns,
  ) {}

  async dryRun(idpId: string, commandId: string): Promise<{ run: SyncRunView; diff: SnapshotDiff }> {
    const idp = await this.idps.get(idpId);
    const run = await this.runs.createDryRun(idpId, true, commandId);
    return this.inFlight.track(run.id, this.compute(idp, run));
  }

  private async compute(idp: Idp, run: SyncRunView): Promise<{ run: SyncRunView; diff: SnapshotDiff }> {
    try {
      const { diff, plan } = await this.differ.diff(idp, run, true);
      const counts = countChanges([...plan.upserts, ...plan.deactivations], diff.unchanged);
      return {
        run: await this.runs.finish(run.id, { status: 'succeeded', counts, drift: diff.drift }),
        diff,
      };
    } catch (error) {
      await this.runs.finish(run.id, { status: 'failed', errors: [describeError(error)] });
      throw error;
    }
  }
}
