import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateScheduleSlot1764354000000 implements MigrationInterface {
  name = 'CreateScheduleSlot1764354000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE schedule_slot (
        idp_id uuid NOT NULL REFERENCES idp (id) ON DELETE CASCADE,
        slot_start timestamptz NOT NULL,
        command_id uuid NOT NULL,
        claimed_by text NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        PRIMARY KEY (idp_id, slot_start)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE schedule_slot`);
  }
}
