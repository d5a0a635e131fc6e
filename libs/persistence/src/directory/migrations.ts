/** Migrations of the directory area, in files named <timestamp>-<Change>.ts. */
export const directoryMigrations: Function[] = [];
