import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which attempt a run is: a run whose worker stopped is queued again as the next attempt, up to a limit.
 * Every instance looks for such runs every few seconds, among the queued and running ones only.
 */
export class SyncRunAttempt1764600000000 implements MigrationInterface {
  name = 'SyncRunAttempt1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_run ADD COLUMN attempt int NOT NULL DEFAULT 1`);
    await queryRunner.query(
      `CREATE INDEX sync_run_active_idx ON sync_run (updated_at) WHERE status IN ('queued', 'running')`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX sync_run_active_idx`);
    await queryRunner.query(`ALTER TABLE sync_run DROP COLUMN attempt`);
  }
}
