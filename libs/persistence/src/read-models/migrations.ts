import { CreateReadModels1764900000000 } from './1764900000000-CreateReadModels';

/** Migrations of the read models (views over the directory's tables), in files named <timestamp>-<Change>.ts. */
export const readModelMigrations: Function[] = [CreateReadModels1764900000000];
