/** Migrations of the scheduling area, in files named <timestamp>-<Change>.ts. */
export const schedulingMigrations: Function[] = [];
