import { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway owns `sso_client_code`. */
export class GrantSsoClientCode1765200000004 implements MigrationInterface {
  name = 'GrantSsoClientCode1765200000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON sso_client_code TO larksync_gateway`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE ALL ON sso_client_code FROM larksync_gateway`);
  }
}
