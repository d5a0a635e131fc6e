import { MigrationInterface, QueryRunner } from 'typeorm';
import { generateEnterpriseIdentifier } from '@app/contracts';

/**
 * Enterprises (SASE tenants), the directory's: each has a name, the authentication identifier its users type in
 * the SASE client, and the custom URI schemes its clients may be sent back to. Every IdP belongs to one: the
 * existing IdPs move into a default enterprise, and an IdP inserted without one (today's API and writers) goes
 * there too, by trigger.
 */
export class CreateEnterprise1765200000000 implements MigrationInterface {
  name = 'CreateEnterprise1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE enterprise (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        auth_identifier text NOT NULL UNIQUE CHECK (auth_identifier ~ '^[0-9A-HJKMNP-TV-Z]{10}$'),
        redirect_schemes text[] NOT NULL DEFAULT '{}',
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX enterprise_one_default ON enterprise (is_default) WHERE is_default`,
    );
    await queryRunner.query(
      `INSERT INTO enterprise (name, auth_identifier, is_default) VALUES ('Default enterprise', $1, true)`,
      [generateEnterpriseIdentifier()],
    );
    await queryRunner.query(`ALTER TABLE idp ADD COLUMN enterprise_id uuid REFERENCES enterprise (id)`);
    await queryRunner.query(`UPDATE idp SET enterprise_id = (SELECT id FROM enterprise WHERE is_default)`);
    await queryRunner.query(`ALTER TABLE idp ALTER COLUMN enterprise_id SET NOT NULL`);
    await queryRunner.query(`CREATE INDEX idp_enterprise_idx ON idp (enterprise_id)`);
    await queryRunner.query(`
      CREATE FUNCTION idp_default_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.enterprise_id := (SELECT id FROM enterprise WHERE is_default);
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER idp_default_enterprise BEFORE INSERT ON idp
        FOR EACH ROW WHEN (NEW.enterprise_id IS NULL) EXECUTE FUNCTION idp_default_enterprise()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER idp_default_enterprise ON idp`);
    await queryRunner.query(`DROP FUNCTION idp_default_enterprise`);
    await queryRunner.query(`ALTER TABLE idp DROP COLUMN enterprise_id`);
    await queryRunner.query(`DROP TABLE enterprise`);
  }
}
