import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIdp1764266400000 implements MigrationInterface {
  name = 'CreateIdp1764266400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE idp (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'closed')),
        platform text NOT NULL DEFAULT 'feishu' CHECK (platform IN ('feishu', 'lark')),
        sealed_credentials text NOT NULL,
        auto_sync boolean NOT NULL DEFAULT true,
        sync_user_info boolean NOT NULL DEFAULT true,
        sync_interval_hours int NOT NULL DEFAULT 24 CHECK (sync_interval_hours BETWEEN 1 AND 24),
        scope jsonb NOT NULL DEFAULT '{"mode":"all"}',
        field_mapping jsonb NOT NULL DEFAULT '{}',
        deletion_guard jsonb NOT NULL DEFAULT '{"maxPercent":10,"maxCount":100}',
        tenant_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version int NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX idp_name_key ON idp (name)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE idp`);
  }
}
