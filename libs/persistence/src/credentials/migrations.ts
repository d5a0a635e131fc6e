import { CreateApiCredentialAndAudit1765000000000 } from './1765000000000-CreateApiCredentialAndAudit';
import { LimitApiCredentialToEnterprise1765200000005 } from './1765200000005-LimitApiCredentialToEnterprise';

/** Migrations of API credentials and the audit trail, in files named <timestamp>-<Change>.ts. */
export const credentialMigrations: Function[] = [
  CreateApiCredentialAndAudit1765000000000,
  LimitApiCredentialToEnterprise1765200000005,
];
