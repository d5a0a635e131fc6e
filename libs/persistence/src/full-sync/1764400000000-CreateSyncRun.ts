import { MigrationInterface, QueryRunner } from 'typeorm';

/** Full-sync runs; at most one queued or running run per IdP (partial unique index). */
export class CreateSyncRun1764400000000 implements MigrationInterface {
  name = 'CreateSyncRun1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sync_run (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idp_id uuid NOT NULL REFERENCES idp (id) ON DELETE CASCADE,
        trigger text NOT NULL CHECK (trigger IN ('scheduled', 'manual', 'scope-change')),
        command_id text NOT NULL,
        merged_command_ids text[] NOT NULL DEFAULT '{}',
        status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'held')),
        dry_run boolean NOT NULL DEFAULT false,
        include_users boolean NOT NULL,
        progress jsonb NOT NULL DEFAULT '{}',
        counts jsonb NOT NULL DEFAULT '{}',
        drift int NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        pending_deactivations jsonb,
        snapshot_at timestamptz,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        duration_ms int,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX sync_run_command_key ON sync_run (idp_id, command_id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX sync_run_one_active_key ON sync_run (idp_id) WHERE status IN ('queued', 'running') AND NOT dry_run`,
    );
    await queryRunner.query(`CREATE INDEX sync_run_idp_recent_idx ON sync_run (idp_id, requested_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sync_run`);
  }
}
