import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { appDatabaseUrl } from '@app/testing';
import { runMigrations } from '../data-source';
import { APP_DATABASE_ACCESS, AppName, OWNED_TABLE_PRIVILEGES, READ_MODEL_PRIVILEGES } from './app-roles';

const APPS = Object.keys(APP_DATABASE_ACCESS) as AppName[];
const ROLES = APPS.map((app) => APP_DATABASE_ACCESS[app].role);
/** TypeORM's record of applied migrations: the migration user's alone. */
const BOOKKEEPING = ['migrations'];

const denied = (kind: 'table' | 'view', name: string) => new RegExp(`permission denied for ${kind} ${name}`);

describe('each app connects as its own database role (real PostgreSQL)', () => {
  const owner = new Client({ connectionString: process.env.DATABASE_URL });
  const as = {} as Record<AppName, Client>;
  const idpId = randomUUID();
  const openId = `ou_${randomUUID()}`;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    await owner.connect();
    for (const app of APPS) {
      as[app] = new Client({ connectionString: await appDatabaseUrl(app, process.env.DATABASE_URL!) });
      await as[app].connect();
    }
    await owner.query(`INSERT INTO idp (id, name, sealed_credentials) VALUES ($1, $2, 'sealed')`, [
      idpId,
      `app-roles-${idpId}`,
    ]);
    await owner.query(
      `INSERT INTO directory_user (idp_id, open_id, name, status, lark_status) VALUES ($1, $2, 'Han Meimei', 'resigned', 'resigned')`,
      [idpId, openId],
    );
  });

  afterAll(async () => {
    await owner.query(`DELETE FROM directory_user WHERE idp_id = $1`, [idpId]);
    await owner.query(`DELETE FROM idp WHERE id = $1`, [idpId]);
    await Promise.all([owner, ...Object.values(as)].map((client) => client.end()));
  });

  it('should connect each app as a member of its group role, not as the migration user', async () => {
    for (const app of APPS) {
      const { rows } = await as[app].query(
        `SELECT current_user AS login, pg_has_role(current_user, $1, 'MEMBER') AS member,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser`,
        [APP_DATABASE_ACCESS[app].role],
      );
      expect(rows[0]).toEqual({
        login: `${APP_DATABASE_ACCESS[app].role}_local`,
        member: true,
        superuser: false,
      });
    }
  });

  it("should refuse the gateway's role any write to a directory table, and any read but its views", async () => {
    const gateway = as['ingress-gateway'];
    await expect(
      gateway.query(
        `INSERT INTO directory_user (idp_id, open_id, status, lark_status) VALUES ($1, 'ou_forged', 'active', 'active')`,
        [idpId],
      ),
    ).rejects.toThrow(denied('table', 'directory_user'));
    await expect(
      gateway.query(`UPDATE directory_user SET status = 'active' WHERE idp_id = $1`, [idpId]),
    ).rejects.toThrow(denied('table', 'directory_user'));
    await expect(gateway.query(`DELETE FROM directory_user WHERE idp_id = $1`, [idpId])).rejects.toThrow(
      denied('table', 'directory_user'),
    );
    await expect(gateway.query(`UPDATE idp SET status = 'enabled' WHERE id = $1`, [idpId])).rejects.toThrow(
      denied('table', 'idp'),
    );
    await expect(gateway.query(`SELECT status FROM directory_user LIMIT 1`)).rejects.toThrow(
      denied('table', 'directory_user'),
    );
    // A simple view is updatable in PostgreSQL; only SELECT is granted on it.
    await expect(
      gateway.query(`UPDATE sign_in_standing SET status = 'active' WHERE idp_id = $1`, [idpId]),
    ).rejects.toThrow(denied('view', 'sign_in_standing'));

    const standing = await gateway.query(`SELECT status, name FROM sign_in_standing WHERE idp_id = $1`, [
      idpId,
    ]);
    expect(standing.rows).toEqual([{ status: 'resigned', name: 'Han Meimei' }]);
    const connection = await gateway.query(
      `SELECT status, tenant_key FROM idp_lark_connection WHERE id = $1`,
      [idpId],
    );
    expect(connection.rows).toEqual([{ status: 'enabled', tenant_key: null }]);
    const owned = await owner.query(`SELECT status FROM directory_user WHERE idp_id = $1`, [idpId]);
    expect(owned.rows).toEqual([{ status: 'resigned' }]);
  });

  it("should refuse the scheduler's role the directory's tables, and give it its two views", async () => {
    const scheduler = as.scheduler;
    await expect(
      scheduler.query(
        `INSERT INTO sync_run (idp_id, trigger, command_id, status, include_users) VALUES ($1, 'manual', 'c', 'queued', true)`,
        [idpId],
      ),
    ).rejects.toThrow(denied('table', 'sync_run'));
    await expect(scheduler.query(`SELECT 1 FROM sync_run LIMIT 1`)).rejects.toThrow(
      denied('table', 'sync_run'),
    );
    await expect(scheduler.query(`UPDATE idp SET auto_sync = false WHERE id = $1`, [idpId])).rejects.toThrow(
      denied('table', 'idp'),
    );
    await expect(
      scheduler.query(`UPDATE idp_sync_schedule SET auto_sync = false WHERE id = $1`, [idpId]),
    ).rejects.toThrow(denied('view', 'idp_sync_schedule'));

    const schedule = await scheduler.query(`SELECT auto_sync FROM idp_sync_schedule WHERE id = $1`, [idpId]);
    expect(schedule.rows).toEqual([{ auto_sync: true }]);
    const streak = await scheduler.query(`SELECT failures FROM idp_sync_failure_streak WHERE idp_id = $1`, [
      idpId,
    ]);
    expect(streak.rows).toEqual([]);
  });

  it("should give the projector's role nothing of the directory's, not even a view", async () => {
    const projector = as['policy-projector'];
    await expect(projector.query(`SELECT 1 FROM directory_user LIMIT 1`)).rejects.toThrow(
      denied('table', 'directory_user'),
    );
    await expect(projector.query(`SELECT 1 FROM sign_in_standing LIMIT 1`)).rejects.toThrow(
      denied('view', 'sign_in_standing'),
    );
    await expect(projector.query(`SELECT 1 FROM schedule_slot LIMIT 1`)).rejects.toThrow(
      denied('table', 'schedule_slot'),
    );
  });

  it('should let the projector verify credentials and record their use, and nothing more of them', async () => {
    const credentialId = randomUUID();
    await owner.query(
      `INSERT INTO api_credential (id, name, role, secret_sha256) VALUES ($1, 'app-roles', 'policy-reader', '\\x00')`,
      [credentialId],
    );
    try {
      const projector = as['policy-projector'];
      const verification = await projector.query(
        `SELECT role, revoked_at FROM api_credential_verification WHERE id = $1`,
        [credentialId],
      );
      expect(verification.rows).toEqual([{ role: 'policy-reader', revoked_at: null }]);
      await projector.query(`SELECT api_credential_used($1)`, [credentialId]);
      const used = await owner.query(`SELECT last_used_at FROM api_credential WHERE id = $1`, [credentialId]);
      expect(used.rows[0].last_used_at).toBeInstanceOf(Date);
      await expect(
        projector.query(`UPDATE api_credential SET revoked_at = NULL WHERE id = $1`, [credentialId]),
      ).rejects.toThrow(denied('table', 'api_credential'));
      await expect(
        projector.query(`UPDATE api_credential_verification SET role = 'admin' WHERE id = $1`, [
          credentialId,
        ]),
      ).rejects.toThrow(denied('view', 'api_credential_verification'));
      await expect(projector.query(`SELECT 1 FROM audit_record LIMIT 1`)).rejects.toThrow(
        denied('table', 'audit_record'),
      );
      await expect(
        as['ingress-gateway'].query(`SELECT 1 FROM api_credential_verification LIMIT 1`),
      ).rejects.toThrow(denied('view', 'api_credential_verification'));
      await expect(as.scheduler.query(`SELECT api_credential_used($1)`, [credentialId])).rejects.toThrow(
        /permission denied for function api_credential_used/,
      );
    } finally {
      await owner.query(`DELETE FROM api_credential WHERE id = $1`, [credentialId]);
    }
  });

  /** A write to each app's own tables, rolled back; the scheduler's slot references an IdP it cannot read. */
  const ownWrites: Record<AppName, string[]> = {
    'ingress-gateway': [
      `INSERT INTO sso_signing_key (kid, public_jwk, private_jwk_sealed) VALUES ('kid-app-roles', '{}', 'sealed')`,
      `UPDATE sso_signing_key SET private_jwk_sealed = 'resealed' WHERE kid = 'kid-app-roles'`,
      `DELETE FROM sso_signing_key WHERE kid = 'kid-app-roles'`,
    ],
    directory: [
      `UPDATE idp SET description = 'app-roles' WHERE id = $1`,
      `UPDATE directory_user SET status = 'active' WHERE idp_id = $1::text`,
      `INSERT INTO change_log (change_id, idp_id, entity, entity_id, op, cause, version)
       VALUES ('app-roles-' || $1, $1, 'user', 'ou_x', 'updated', '{}', 1)`,
      `INSERT INTO outbox (topic, key, value) VALUES ('app-roles', $1, NULL)`,
      `INSERT INTO sync_run (idp_id, trigger, command_id, status, include_users) VALUES ($1, 'manual', 'c', 'queued', true)`,
    ],
    scheduler: [
      `INSERT INTO schedule_slot (idp_id, slot_start, command_id, claimed_by) VALUES ($1, now(), gen_random_uuid(), 'app-roles')`,
      `UPDATE schedule_slot SET published_at = now() WHERE idp_id = $1`,
      `DELETE FROM schedule_slot WHERE idp_id = $1`,
    ],
    'policy-projector': [
      `INSERT INTO projection_idp (idp_id, state, source_version, source_at) VALUES ($1, '{}', 1, now())`,
      `UPDATE projection_idp SET source_version = 2 WHERE idp_id = $1::text`,
      `DELETE FROM projection_idp WHERE idp_id = $1::text`,
    ],
  };

  it.each(APPS)("should let %s's role write its own tables", async (app) => {
    const client = as[app];
    await client.query('BEGIN');
    try {
      for (const statement of ownWrites[app])
        await client.query(statement, statement.includes('$1') ? [idpId] : []);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  // APP_DATABASE_ACCESS is the README's architecture table: app-roles.spec.ts.
  it('should grant every table and view of the schema as APP_DATABASE_ACCESS says, and nothing more', async () => {
    const relations = await owner.query<{ name: string; type: string }>(
      `SELECT table_name AS name, table_type AS type FROM information_schema.tables WHERE table_schema = current_schema()`,
    );
    const tables = relations.rows.filter((row) => row.type === 'BASE TABLE').map((row) => row.name);
    const views = relations.rows.filter((row) => row.type === 'VIEW').map((row) => row.name);
    const owned = APPS.flatMap((app) => APP_DATABASE_ACCESS[app].owns);
    const read = APPS.flatMap((app) => APP_DATABASE_ACCESS[app].reads);
    // A table or view nobody decided on fails here: add it to APP_DATABASE_ACCESS, the grants and the README.
    expect([...owned, ...BOOKKEEPING].sort()).toEqual(tables.sort());
    expect(new Set(owned).size).toBe(owned.length);
    expect([...new Set(read)].sort()).toEqual(views.sort());

    const grants = await owner.query<{ role: string; relation: string; privileges: string }>(
      `SELECT grantee AS role, table_name AS relation, string_agg(privilege_type, ',' ORDER BY privilege_type) AS privileges
         FROM information_schema.role_table_grants
        WHERE table_schema = current_schema() AND grantee = ANY($1)
        GROUP BY grantee, table_name`,
      [ROLES],
    );
    const expected = APPS.flatMap((app) => {
      const { role, owns, reads } = APP_DATABASE_ACCESS[app];
      return [
        ...owns.map((relation) => ({ role, relation, privileges: OWNED_TABLE_PRIVILEGES.join(',') })),
        ...reads.map((relation) => ({ role, relation, privileges: READ_MODEL_PRIVILEGES.join(',') })),
      ];
    });
    const order = (a: { role: string; relation: string }, b: { role: string; relation: string }) =>
      `${a.role}.${a.relation}`.localeCompare(`${b.role}.${b.relation}`);
    expect(grants.rows.sort(order)).toEqual(expected.sort(order));
  });

  it("should let only a table's app use its sequences", async () => {
    const { rows } = await owner.query<{ sequence: string; relation: string }>(
      `SELECT s.relname AS sequence, t.relname AS relation
         FROM pg_class s
         JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid AND d.deptype = 'a'
         JOIN pg_class t ON t.oid = d.refobjid
        WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const { sequence, relation } of rows) {
      for (const app of APPS) {
        const { role, owns } = APP_DATABASE_ACCESS[app];
        const [{ usage }] = (
          await owner.query(`SELECT has_sequence_privilege($1, $2, 'USAGE') AS usage`, [role, sequence])
        ).rows;
        expect({ app, sequence, usage }).toEqual({
          app,
          sequence,
          usage: (owns as readonly string[]).includes(relation),
        });
      }
    }
  });
});
