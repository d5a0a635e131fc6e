import { CreateReadModels1764900000000 } from './1764900000000-CreateReadModels';
import { CreateApiCredentialVerification1765000000001 } from './1765000000001-CreateApiCredentialVerification';
import { CreateEnterpriseIdentitySource1765200000001 } from './1765200000001-CreateEnterpriseIdentitySource';
import { VerifyCredentialByEnterprise1765200000006 } from './1765200000006-VerifyCredentialByEnterprise';

/** Migrations of the read models (views over the directory's tables), in files named <timestamp>-<Change>.ts. */
export const readModelMigrations: Function[] = [
  CreateReadModels1764900000000,
  CreateApiCredentialVerification1765000000001,
  CreateEnterpriseIdentitySource1765200000001,
  VerifyCredentialByEnterprise1765200000006,
];
