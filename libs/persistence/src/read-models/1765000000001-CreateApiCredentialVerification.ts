import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the apps with protected routes need of `api_credential` to verify a secret, and the one write they may
 * make: `api_credential_used` (SECURITY DEFINER, its search path pinned) sets a credential's last use and nothing else.
 */
export class CreateApiCredentialVerification1765000000001 implements MigrationInterface {
  name = 'CreateApiCredentialVerification1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE VIEW api_credential_verification AS
        SELECT id, name, role, idp_ids, secret_sha256, expires_at, revoked_at FROM api_credential`);
    await queryRunner.query(`
      COMMENT ON VIEW api_credential_verification IS
        'Read model for every app with protected routes: a credential''s role, IdPs, secret hash, expiry and revocation'`);
    await queryRunner.query(`
      CREATE FUNCTION api_credential_used(credential_id uuid) RETURNS void LANGUAGE sql SECURITY DEFINER
        AS $$ UPDATE api_credential SET last_used_at = now() WHERE id = credential_id $$`);
    await queryRunner.query(`
      DO $$
      BEGIN
        EXECUTE format('ALTER FUNCTION api_credential_used(uuid) SET search_path = %I, pg_temp', current_schema());
      END $$`);
    await queryRunner.query(`REVOKE EXECUTE ON FUNCTION api_credential_used(uuid) FROM PUBLIC`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION api_credential_used(uuid)`);
    await queryRunner.query(`DROP VIEW api_credential_verification`);
  }
}
