import { Inject, Injectable } from '@nestjs/common';
import { diffSnapshot, SnapshotDiff } from '@app/directory-domain';
import { LOGGER, Logger } from '@app/logging';
import { Idp } from '@app/persistence';
import { OrgReader } from '../org-store';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { LarkClientFactory } from './lark-client.factory';
import { OrgSnapshotSource } from './org-snapshot.source';
import { recordRunProgress } from './run-progress';
import { isActiveUser, planItems, SyncItem } from './sync-items';
import { SyncRunRepository, SyncRunView } from './sync-run.repository';

export interface RunDiff {
  /** When the snapshot read began (ms). */
  takenAt: number;
  diff: SnapshotDiff;
  plan: { upserts: SyncItem[]; deactivations: SyncItem[] };
  /** Active users stored before the run: the deletion guard's base. */
  activeUsers: number;
  progress: Record<string, number>;
}

/** Reads the org from Lark (recording the run's progress and snapshot time) and diffs it against the stored org. */
@Injectable()
export class SyncDiffer {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly clients: LarkClientFactory,
    private readonly source: OrgSnapshotSource,
    private readonly reader: OrgReader,
    @Inject(FULL_SYNC_OPTIONS) private readonly options: FullSyncOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async diff(idp: Idp, run: SyncRunView, includeUsers: boolean): Promise<RunDiff> {
    const client = this.clients.clientFor(idp);
    const progress = recordRunProgress(this.runs, this.logger, run.id, client);
    const snapshot = await this.source.fetch(client, {
      scope: idp.scope,
      includeUsers,
      concurrency: this.options.concurrency ?? 8,
      onProgress: progress.onProgress,
    });
    await this.runs.recordSnapshotTime(run.id, snapshot.takenAt);
    const current = {
      departments: await this.reader.departments(idp.id),
      users: await this.reader.users(idp.id),
    };
    const diff = diffSnapshot(current, snapshot, {
      scope: idp.scope,
      includeUsers,
      scopeChanged: run.trigger === 'scope-change',
    });
    if (diff.futureVersions > 0)
      this.logger.warn(
        { idpId: idp.id, runId: run.id, rows: diff.futureVersions },
        'rows versioned in the future (a forged or mis-stamped event) are overwritten by the snapshot',
      );
    const activeUsers = current.users.filter((row) => isActiveUser(row.user.status)).length;
    return {
      takenAt: snapshot.takenAt,
      diff,
      plan: planItems(diff),
      activeUsers,
      progress: progress.final(),
    };
  }
}
