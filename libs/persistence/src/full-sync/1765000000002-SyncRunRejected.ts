import { MigrationInterface, QueryRunner } from 'typeorm';

/** A held run an operator rejected: its deactivations were not applied. Neither a success nor a failure. */
export class SyncRunRejected1765000000002 implements MigrationInterface {
  name = 'SyncRunRejected1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sync_run DROP CONSTRAINT sync_run_status_check`);
    await queryRunner.query(
      `ALTER TABLE sync_run ADD CONSTRAINT sync_run_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'held', 'rejected'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE sync_run SET status = 'failed' WHERE status = 'rejected'`);
    await queryRunner.query(`ALTER TABLE sync_run DROP CONSTRAINT sync_run_status_check`);
    await queryRunner.query(
      `ALTER TABLE sync_run ADD CONSTRAINT sync_run_status_check CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'held'))`,
    );
  }
}
