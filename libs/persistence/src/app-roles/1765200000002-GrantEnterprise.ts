import { MigrationInterface, QueryRunner } from 'typeorm';

/** The directory owns `enterprise`; the gateway reads `enterprise_identity_source` for the SASE client. */
export class GrantEnterprise1765200000002 implements MigrationInterface {
  name = 'GrantEnterprise1765200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON enterprise TO larksync_directory`,
    );
    await queryRunner.query(`GRANT SELECT ON enterprise_identity_source TO larksync_gateway`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE SELECT ON enterprise_identity_source FROM larksync_gateway`);
    await queryRunner.query(`REVOKE ALL ON enterprise FROM larksync_directory`);
  }
}
