import { CreateApiCredentialAndAudit1765000000000 } from './1765000000000-CreateApiCredentialAndAudit';

/** Migrations of API credentials and the audit trail, in files named <timestamp>-<Change>.ts. */
export const credentialMigrations: Function[] = [CreateApiCredentialAndAudit1765000000000];
