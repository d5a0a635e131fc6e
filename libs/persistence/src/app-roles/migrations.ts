import { CreateAppRoles1764900000001 } from './1764900000001-CreateAppRoles';
import { GrantCredentialsAndAudit1765000000003 } from './1765000000003-GrantCredentialsAndAudit';
import { GrantEnterprise1765200000002 } from './1765200000002-GrantEnterprise';
import { GrantSsoClientCode1765200000004 } from './1765200000004-GrantSsoClientCode';

/** Migrations of the apps' database roles and grants, in files named <timestamp>-<Change>.ts. */
export const appRoleMigrations: Function[] = [
  CreateAppRoles1764900000001,
  GrantCredentialsAndAudit1765000000003,
  GrantEnterprise1765200000002,
  GrantSsoClientCode1765200000004,
];
