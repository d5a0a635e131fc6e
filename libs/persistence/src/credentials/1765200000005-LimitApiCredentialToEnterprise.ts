import { MigrationInterface, QueryRunner } from 'typeorm';

/** A credential may be limited to one enterprise (its IdPs, as they come and go) instead of a list of IdPs. */
export class LimitApiCredentialToEnterprise1765200000005 implements MigrationInterface {
  name = 'LimitApiCredentialToEnterprise1765200000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE api_credential ADD COLUMN enterprise_id uuid REFERENCES enterprise (id)`,
    );
    await queryRunner.query(`
      ALTER TABLE api_credential ADD CONSTRAINT api_credential_one_limit
        CHECK (idp_ids IS NULL OR enterprise_id IS NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE api_credential DROP COLUMN enterprise_id`);
  }
}
