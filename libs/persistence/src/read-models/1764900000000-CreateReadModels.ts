import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the other apps may read of the directory's tables, as views the directory owns: each app role is granted
 * its views and none of the tables under them (CreateAppRoles). A view reads its tables with its owner's rights,
 * and PostgreSQL refuses to drop or retype a column a view uses, so a change to these tables that would break a
 * reader fails in its migration. Typed readers: `read-models/<view name>.ts`.
 */
export class CreateReadModels1764900000000 implements MigrationInterface {
  name = 'CreateReadModels1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW sign_in_standing AS
        SELECT idp_id, open_id, status, name FROM directory_user`);
    await queryRunner.query(`
      COMMENT ON VIEW sign_in_standing IS
        'Read model for the gateway: whether a directory user may sign in (status) and the name in the session'`);
    await queryRunner.query(`
      CREATE VIEW idp_lark_connection AS
        SELECT id, status, platform, sealed_credentials, tenant_key FROM idp`);
    await queryRunner.query(`
      COMMENT ON VIEW idp_lark_connection IS
        'Read model for the gateway: what it needs of an IdP to verify Lark''s webhooks and sign its users in'`);
    await queryRunner.query(`
      CREATE VIEW idp_sync_schedule AS
        SELECT id, status, auto_sync, sync_interval_hours, sync_user_info, created_at FROM idp`);
    await queryRunner.query(`
      COMMENT ON VIEW idp_sync_schedule IS
        'Read model for the scheduler: when and how each IdP is fully synced'`);
    // Held runs, runs still going and dry runs count neither way.
    await queryRunner.query(`
      CREATE VIEW idp_sync_failure_streak AS
        SELECT r.idp_id, count(*)::int AS failures
          FROM sync_run r
         WHERE r.status = 'failed' AND NOT r.dry_run AND r.finished_at IS NOT NULL
           AND r.finished_at > COALESCE(
                 (SELECT max(s.finished_at) FROM sync_run s
                   WHERE s.idp_id = r.idp_id AND s.status = 'succeeded' AND NOT s.dry_run),
                 '-infinity')
         GROUP BY r.idp_id`);
    await queryRunner.query(`
      COMMENT ON VIEW idp_sync_failure_streak IS
        'Read model for the scheduler: failed full syncs of an IdP since its last successful one (IdPs without any are absent)'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP VIEW idp_sync_failure_streak, idp_sync_schedule, idp_lark_connection, sign_in_standing`,
    );
  }
}
