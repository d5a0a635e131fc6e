import { CreateSyncRun1764400000000 } from './1764400000000-CreateSyncRun';
import { SyncRunAttempt1764600000000 } from './1764600000000-SyncRunAttempt';
import { SyncRunRejected1764900000001 } from './1764900000001-SyncRunRejected';

/** Migrations of the full-sync area, in files named <timestamp>-<Change>.ts. */
export const fullSyncMigrations: Function[] = [
  CreateSyncRun1764400000000,
  SyncRunAttempt1764600000000,
  SyncRunRejected1764900000001,
];
