import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which attempt a run is: a run whose worker stopped is queued again as the next attempt, up to a limit. */
export class SyncRunAttempt1764600000000 implements MigrationInterface {
  name = 'SyncRunAttempt1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_run ADD COLUMN attempt int NOT NULL DEFAULT 1`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_run DROP COLUMN attempt`);
  }
}
