import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The change log keeps before, after and cause as `json`: it is written for every change and only read back
 * whole (history), so PostgreSQL no longer decomposes each document into jsonb on insert.
 */
export class ChangeLogJson1764500000000 implements MigrationInterface {
  name = 'ChangeLogJson1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE change_log
        ALTER COLUMN before TYPE json USING before::json,
        ALTER COLUMN after TYPE json USING after::json,
        ALTER COLUMN cause TYPE json USING cause::json`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE change_log
        ALTER COLUMN before TYPE jsonb USING before::jsonb,
        ALTER COLUMN after TYPE jsonb USING after::jsonb,
        ALTER COLUMN cause TYPE jsonb USING cause::jsonb`);
  }
}
