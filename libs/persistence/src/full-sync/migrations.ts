import { CreateSyncRun1764400000000 } from './1764400000000-CreateSyncRun';
import { SyncRunAttempt1764600000000 } from './1764600000000-SyncRunAttempt';
import { SyncRunRejected1765000000002 } from './1765000000002-SyncRunRejected';

/** Migrations of the full-sync area, in files named <timestamp>-<Change>.ts. */
export const fullSyncMigrations: Function[] = [
  CreateSyncRun1764400000000,
  SyncRunAttempt1764600000000,
  SyncRunRejected1765000000002,
];
