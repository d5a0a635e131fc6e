import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { PostgresSsl } from './postgres-tls';

export function dataSourceOptions(
  databaseUrl: string,
  applicationName = 'larksync',
  ssl: PostgresSsl = undefined,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    ...(ssl !== undefined && { ssl }),
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    // Not TypeORM's CREATE EXTENSION "uuid-ossp" at every connect: uuids come from gen_random_uuid() (core since
    // PostgreSQL 13), and an app's role may not create anything.
    installExtensions: false,
    // TypeORM's own logger prints a failed query with its parameters: errors reach pino through their callers instead
    logging: false,
    applicationName,
    extra: { max: 10, connectionTimeoutMillis: 5000 },
  };
}

/** Applies pending migrations; the explicit deploy step (and the test/demo set-up). */
export async function runMigrations(databaseUrl: string, ssl: PostgresSsl = undefined): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, 'larksync-migrate', ssl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
