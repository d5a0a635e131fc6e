import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Read model for the gateway: an enterprise's IdPs as the SASE client is offered them (one row per IdP, one row
 * with null IdP columns for an enterprise without any), and the redirect schemes its clients may use.
 */
export class CreateEnterpriseIdentitySource1765200000001 implements MigrationInterface {
  name = 'CreateEnterpriseIdentitySource1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW enterprise_identity_source AS
        SELECT e.id AS enterprise_id, e.auth_identifier, e.redirect_schemes,
               i.id AS idp_id, i.name AS idp_name, i.description AS idp_description,
               i.status AS idp_status, i.created_at AS idp_created_at
          FROM enterprise e LEFT JOIN idp i ON i.enterprise_id = e.id`);
    await queryRunner.query(`
      COMMENT ON VIEW enterprise_identity_source IS
        'Read model for the gateway: the identity sources a SASE client sees for an enterprise authentication identifier'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP VIEW enterprise_identity_source`);
  }
}
