import { CreateAppRoles1764900000001 } from './1764900000001-CreateAppRoles';
import { GrantCredentialsAndAudit1765000000003 } from './1765000000003-GrantCredentialsAndAudit';

/** Migrations of the apps' database roles and grants, in files named <timestamp>-<Change>.ts. */
export const appRoleMigrations: Function[] = [
  CreateAppRoles1764900000001,
  GrantCredentialsAndAudit1765000000003,
];
