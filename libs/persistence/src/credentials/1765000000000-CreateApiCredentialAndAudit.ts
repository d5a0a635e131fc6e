import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoped API credentials (secret kept as its SHA-256 only) and the append-only audit trail of admin actions
 * (updates refused; deletes only by retention). Both the directory's; apps verify credentials through a view.
 */
export class CreateApiCredentialAndAudit1765000000000 implements MigrationInterface {
  name = 'CreateApiCredentialAndAudit1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE api_credential (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'policy-reader')),
        idp_ids uuid[],
        secret_sha256 bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`);
    await queryRunner.query(`
      CREATE TABLE audit_record (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        idp_id uuid,
        target_id text,
        credential_id text NOT NULL,
        credential_name text NOT NULL,
        address text,
        request_id text,
        trace_id text,
        before jsonb,
        after jsonb,
        details jsonb
      )`);
    await queryRunner.query(`CREATE INDEX audit_record_at_idx ON audit_record (at)`);
    await queryRunner.query(`CREATE INDEX audit_record_idp_idx ON audit_record (idp_id, id)`);
    await queryRunner.query(`CREATE INDEX audit_record_credential_idx ON audit_record (credential_id, id)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_record_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_record is append-only'; END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_record_append_only BEFORE UPDATE ON audit_record
        FOR EACH ROW EXECUTE FUNCTION audit_record_is_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_record`);
    await queryRunner.query(`DROP FUNCTION audit_record_is_append_only`);
    await queryRunner.query(`DROP TABLE api_credential`);
  }
}
