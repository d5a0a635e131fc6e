import { MigrationInterface, QueryRunner } from 'typeorm';

const ALL = 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE';

/**
 * The directory owns `api_credential` and `audit_record`; it and the projector, the apps with protected routes,
 * read `api_credential_verification` and may record a credential's use. The gateway and the scheduler serve
 * only public routes and get nothing: a protected route there would fail closed.
 */
export class GrantCredentialsAndAudit1765000000003 implements MigrationInterface {
  name = 'GrantCredentialsAndAudit1765000000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`GRANT ${ALL} ON api_credential, audit_record TO larksync_directory`);
    await queryRunner.query(`GRANT USAGE, SELECT ON SEQUENCE audit_record_id_seq TO larksync_directory`);
    await queryRunner.query(
      `GRANT SELECT ON api_credential_verification TO larksync_directory, larksync_projector`,
    );
    await queryRunner.query(
      `GRANT EXECUTE ON FUNCTION api_credential_used(uuid) TO larksync_directory, larksync_projector`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `REVOKE EXECUTE ON FUNCTION api_credential_used(uuid) FROM larksync_directory, larksync_projector`,
    );
    await queryRunner.query(
      `REVOKE SELECT ON api_credential_verification FROM larksync_directory, larksync_projector`,
    );
    await queryRunner.query(`REVOKE ALL ON SEQUENCE audit_record_id_seq FROM larksync_directory`);
    await queryRunner.query(`REVOKE ALL ON api_credential, audit_record FROM larksync_directory`);
  }
}
