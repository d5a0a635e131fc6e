import { CreateApiCredentialAndAudit1764900000000 } from './1764900000000-CreateApiCredentialAndAudit';

/** Migrations of API credentials and the audit trail, in files named <timestamp>-<Change>.ts. */
export const credentialMigrations: Function[] = [CreateApiCredentialAndAudit1764900000000];
