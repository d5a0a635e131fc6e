import { MigrationInterface, QueryRunner } from 'typeorm';

const GROUP_ROLES = ['larksync_gateway', 'larksync_directory', 'larksync_scheduler', 'larksync_projector'];
const ALL = 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE';

/**
 * One NOLOGIN group role per app, which may write only its own tables and read only the views granted to it
 * (the README's architecture section, checked by app-roles.int-spec). Each app connects as a LOGIN member of
 * its role; the migration user keeps owning the schema. Role names are cluster-wide while these grants are per
 * database, so the roles are created only where missing, and a role created at the same moment by another
 * database's migration is no error. A table a later migration creates is granted to nobody until it says so.
 */
export class CreateAppRoles1764900000001 implements MigrationInterface {
  name = 'CreateAppRoles1764900000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      DECLARE
        role_name text;
      BEGIN
        FOREACH role_name IN ARRAY ARRAY['${GROUP_ROLES.join("', '")}'] LOOP
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            BEGIN
              EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
              NULL;
            END;
          END IF;
        END LOOP;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO ${GROUP_ROLES.join(', ')}', current_schema());
      END $$`);
    await queryRunner.query(`GRANT ${ALL} ON sso_signing_key TO larksync_gateway`);
    await queryRunner.query(`GRANT SELECT ON idp_lark_connection, sign_in_standing TO larksync_gateway`);
    await queryRunner.query(
      `GRANT ${ALL} ON idp, department, directory_user, processed_event, change_log, outbox, sync_run TO larksync_directory`,
    );
    await queryRunner.query(
      `GRANT USAGE, SELECT ON SEQUENCE change_log_id_seq, outbox_id_seq TO larksync_directory`,
    );
    await queryRunner.query(`GRANT ${ALL} ON schedule_slot TO larksync_scheduler`);
    await queryRunner.query(
      `GRANT SELECT ON idp_sync_schedule, idp_sync_failure_streak TO larksync_scheduler`,
    );
    await queryRunner.query(
      `GRANT ${ALL} ON projection_idp, projection_department, projection_subject TO larksync_projector`,
    );
  }

  /** Takes this database's grants back; the roles stay, since other databases of the cluster may use them. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM ${GROUP_ROLES.join(', ')}', current_schema());
        EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA %I FROM ${GROUP_ROLES.join(', ')}', current_schema());
        EXECUTE format('REVOKE USAGE ON SCHEMA %I FROM ${GROUP_ROLES.join(', ')}', current_schema());
      END $$`);
  }
}
