import { CreateSsoSigningKey1764800000000 } from './1764800000000-CreateSsoSigningKey';
import { CreateSsoClientCode1765200000003 } from './1765200000003-CreateSsoClientCode';

/** Migrations of the sign-in area, in files named <timestamp>-<Change>.ts. */
export const ssoMigrations: Function[] = [CreateSsoSigningKey1764800000000, CreateSsoClientCode1765200000003];
