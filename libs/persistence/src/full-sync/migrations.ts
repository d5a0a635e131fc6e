import { CreateSyncRun1764400000000 } from './1764400000000-CreateSyncRun';

/** Migrations of the full-sync area, in files named <timestamp>-<Change>.ts. */
export const fullSyncMigrations: Function[] = [CreateSyncRun1764400000000];
