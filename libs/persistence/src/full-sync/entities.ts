import { SyncRun } from './sync-run.entity';

export * from './sync-run.entity';

/** Entities of the full-sync area (one per table). */
export const fullSyncEntities: Function[] = [SyncRun];
