import { Idp } from './idp.entity';

export * from './idp.entity';

/** Every entity, for the DataSource. */
export const entities = [Idp];
