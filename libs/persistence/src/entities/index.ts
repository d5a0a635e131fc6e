import { Idp } from './idp.entity';

export * from './idp.entity';

/**
 * The DataSource's entities: only `idp`, the one table read and written through TypeORM. Every other table
 * is read and written with SQL by its one repository, whose row type sits beside it (see the README's layout).
 */
export const entities = [Idp];
