import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's one-time codes for native SASE clients (RFC 8252): held by their SHA-256 for under a minute
 * between Lark's callback and the client's redemption with its PKCE verifier, shared by the replicas.
 */
export class CreateSsoClientCode1765200000003 implements MigrationInterface {
  name = 'CreateSsoClientCode1765200000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sso_client_code (
        code_sha256 bytea PRIMARY KEY,
        idp_id uuid NOT NULL,
        open_id text NOT NULL,
        name text NOT NULL,
        code_challenge text NOT NULL,
        redirect_uri text NOT NULL,
        expires_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sso_client_code_expires_idx ON sso_client_code (expires_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sso_client_code`);
  }
}
