import { CreateSsoSigningKey1764800000000 } from './1764800000000-CreateSsoSigningKey';

/** Migrations of the sign-in area, in files named <timestamp>-<Change>.ts. */
export const ssoMigrations: Function[] = [CreateSsoSigningKey1764800000000];
