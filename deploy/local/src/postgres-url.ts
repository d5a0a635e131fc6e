import { randomBytes } from 'node:crypto';

export const LOCAL_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEMO_DATABASE = 'larksync';

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function newTestDatabaseName(random: (size: number) => Buffer = randomBytes): string {
  return `larksync_test_${random(6).toString('hex')}`;
}

/** Only names we generate or own are interpolated into DDL; this guards that assumption. */
export function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`refusing unusual database name ${JSON.stringify(name)}`);
  return `"${name}"`;
}
