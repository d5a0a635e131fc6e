import { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway's session signing keys: public JWK in clear, private JWK sealed under the master key. */
export class CreateSsoSigningKey1764800000000 implements MigrationInterface {
  name = 'CreateSsoSigningKey1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sso_signing_key (
        kid text PRIMARY KEY,
        public_jwk jsonb NOT NULL,
        private_jwk_sealed text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sso_signing_key`);
  }
}
