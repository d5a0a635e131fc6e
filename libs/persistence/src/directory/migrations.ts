import { CreateDirectoryTables1764300000000 } from './1764300000000-CreateDirectoryTables';
import { ChangeLogJson1764500000000 } from './1764500000000-ChangeLogJson';

/** Migrations of the directory area, in files named <timestamp>-<Change>.ts. */
export const directoryMigrations: Function[] = [
  CreateDirectoryTables1764300000000,
  ChangeLogJson1764500000000,
];
