/** Migrations of the full-sync area, in files named <timestamp>-<Change>.ts. */
export const fullSyncMigrations: Function[] = [];
