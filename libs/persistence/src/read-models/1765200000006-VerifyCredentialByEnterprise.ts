import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `api_credential_verification.idp_ids` of a credential limited to an enterprise: that enterprise's IdPs at the
 * time of the request, so an IdP added to it is covered and one of another enterprise never is. The apps keep
 * checking `idp_ids` only.
 */
export class VerifyCredentialByEnterprise1765200000006 implements MigrationInterface {
  name = 'VerifyCredentialByEnterprise1765200000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW api_credential_verification AS
        SELECT c.id, c.name, c.role,
               CASE WHEN c.enterprise_id IS NULL THEN c.idp_ids
                    ELSE ARRAY(SELECT i.id FROM idp i WHERE i.enterprise_id = c.enterprise_id ORDER BY i.id) END AS idp_ids,
               c.secret_sha256, c.expires_at, c.revoked_at
          FROM api_credential c`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE VIEW api_credential_verification AS
        SELECT id, name, role, idp_ids, secret_sha256, expires_at, revoked_at FROM api_credential`);
  }
}
