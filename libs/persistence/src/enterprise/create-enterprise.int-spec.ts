import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../data-source';
import { migrations } from '../migrations';

const migrationName = (migration: Function) => migration.name;
const timestampOf = (migration: Function) => Number(/(\d{13})$/.exec(migrationName(migration))![1]);

/** A database of its own, so that migrating it in two steps does not disturb the suites sharing the test one. */
async function freshDatabase(ownerUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `larksync_enterprise_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = new DataSource({ type: 'postgres', url: ownerUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ownerUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

async function migrate(url: string, upTo: number): Promise<void> {
  const dataSource = new DataSource({
    ...dataSourceOptions(url, 'enterprise-migration-test'),
    migrations: migrations.filter((migration) => timestampOf(migration) <= upTo),
  });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}

describe('migration CreateEnterprise on a database that already has IdPs (real PostgreSQL)', () => {
  it('should move every existing IdP into one default enterprise and give IdPs inserted without one to it', async () => {
    const database = await freshDatabase(process.env.DATABASE_URL!);
    const db = new DataSource({ type: 'postgres', url: database.url });
    try {
      await migrate(database.url, 1765199999999);
      await db.initialize();
      await db.query(
        `INSERT INTO idp (name, sealed_credentials) VALUES ('before-1', 'sealed'), ('before-2', 'sealed')`,
      );
      await migrate(database.url, Number.MAX_SAFE_INTEGER);
      const enterprises: { id: string; auth_identifier: string; is_default: boolean }[] = await db.query(
        'SELECT id, auth_identifier, is_default FROM enterprise',
      );
      expect(enterprises).toEqual([
        {
          id: expect.any(String),
          auth_identifier: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{10}$/),
          is_default: true,
        },
      ]);
      await db.query(`INSERT INTO idp (name, sealed_credentials) VALUES ('after', 'sealed')`);
      const idps: { name: string; enterprise_id: string }[] = await db.query(
        'SELECT name, enterprise_id FROM idp ORDER BY name',
      );
      expect(idps).toEqual(
        ['after', 'before-1', 'before-2'].map((name) => ({ name, enterprise_id: enterprises[0].id })),
      );
      await expect(db.query(`UPDATE idp SET enterprise_id = NULL WHERE name = 'after'`)).rejects.toThrow(
        /null/,
      );
      await expect(
        db.query(
          `INSERT INTO enterprise (name, auth_identifier, is_default) VALUES ('second', 'ABCDEFGHJK', true)`,
        ),
      ).rejects.toThrow(/enterprise_one_default/);
    } finally {
      if (db.isInitialized) await db.destroy();
      await database.drop();
    }
  });
});
