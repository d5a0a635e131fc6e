import { appRoleMigrations } from '../app-roles/migrations';
import { credentialMigrations } from '../credentials/migrations';
import { enterpriseMigrations } from '../enterprise/migrations';
import { directoryMigrations } from '../directory/migrations';
import { fullSyncMigrations } from '../full-sync/migrations';
import { projectionMigrations } from '../projection/migrations';
import { readModelMigrations } from '../read-models/migrations';
import { schedulingMigrations } from '../scheduling/migrations';
import { ssoMigrations } from '../sso/migrations';
import { CreateIdp1764266400000 } from './1764266400000-CreateIdp';

/** Every migration; TypeORM applies them in timestamp order. Run by `npm run migrate`, never `synchronize`. */
export const migrations = [
  CreateIdp1764266400000,
  ...directoryMigrations,
  ...fullSyncMigrations,
  ...projectionMigrations,
  ...schedulingMigrations,
  ...ssoMigrations,
  ...readModelMigrations,
  ...appRoleMigrations,
  ...credentialMigrations,
  ...enterpriseMigrations,
];
