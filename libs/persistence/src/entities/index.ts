import { directoryEntities } from '../directory/entities';
import { fullSyncEntities } from '../full-sync/entities';
import { projectionEntities } from '../projection/entities';
import { schedulingEntities } from '../scheduling/entities';
import { Idp } from './idp.entity';

export * from './idp.entity';

/** Every entity, for the DataSource. Each area lists its own, so areas evolve without touching this file. */
export const entities = [
  Idp,
  ...directoryEntities,
  ...fullSyncEntities,
  ...projectionEntities,
  ...schedulingEntities,
];
