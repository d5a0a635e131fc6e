import { LarkContactClient, SnapshotProgress } from '@app/lark';
import { Logger } from '@app/logging';
import { SyncRunRepository } from './sync-run.repository';

export interface RunProgress {
  onProgress: (progress: SnapshotProgress) => void;
  /** Departments and users read so far, with the Lark client's call counts. */
  final: () => Record<string, number>;
}

/** Writes a run's progress at most once a second, so a large org does not turn into a write per page. */
export function recordRunProgress(
  runs: SyncRunRepository,
  logger: Logger,
  runId: string,
  client: LarkContactClient,
): RunProgress {
  let latest: SnapshotProgress | undefined;
  let lastWrite = 0;
  const snapshotOf = () => ({ ...(latest ?? { departments: 0, users: 0 }), ...client.stats });
  return {
    onProgress: (progress) => {
      latest = progress;
      if (Date.now() - lastWrite < 1000) return;
      lastWrite = Date.now();
      void runs
        .recordProgress(runId, snapshotOf())
        .catch((error: unknown) => logger.warn({ runId, err: error }, 'progress not recorded'));
      logger.info({ runId, ...snapshotOf() }, 'full sync progress');
    },
    final: () => snapshotOf(),
  };
}
