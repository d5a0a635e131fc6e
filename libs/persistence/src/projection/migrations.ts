/** Migrations of the projection area, in files named <timestamp>-<Change>.ts. */
export const projectionMigrations: Function[] = [];
