import { CreateEnterprise1765200000000 } from './1765200000000-CreateEnterprise';

/** Migrations of the enterprises (the directory's), in files named <timestamp>-<Change>.ts. */
export const enterpriseMigrations: Function[] = [CreateEnterprise1765200000000];
