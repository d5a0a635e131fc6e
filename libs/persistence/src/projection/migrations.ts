import { CreateProjection1764300000000 } from './1764300000000-CreateProjection';

/** Migrations of the projection area, in files named <timestamp>-<Change>.ts. */
export const projectionMigrations: Function[] = [CreateProjection1764300000000];
