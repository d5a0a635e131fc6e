import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The policy projector's own view of the directory, fed only by `directory.changes.v1`:
 * the last applied state and source version per entity, and the last published document per key.
 */
export class CreateProjection1764300000000 implements MigrationInterface {
  name = 'CreateProjection1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projection_idp (
        idp_id text PRIMARY KEY,
        state jsonb NOT NULL,
        source_version bigint NOT NULL,
        source_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE projection_department (
        idp_id text NOT NULL,
        department_id text NOT NULL,
        state jsonb,
        source_version bigint NOT NULL,
        source_at timestamptz NOT NULL,
        member_changed_at timestamptz,
        member_changes int NOT NULL DEFAULT 0,
        path_ids text[] NOT NULL DEFAULT '{}',
        document jsonb,
        doc_version bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (idp_id, department_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX projection_department_path_idx ON projection_department USING gin (path_ids)`,
    );
    await queryRunner.query(`
      CREATE TABLE projection_subject (
        idp_id text NOT NULL,
        open_id text NOT NULL,
        state jsonb,
        source_version bigint NOT NULL,
        source_at timestamptz NOT NULL,
        cause_time timestamptz,
        department_ids text[] NOT NULL DEFAULT '{}',
        ancestor_ids text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT false,
        user_name text,
        external_id text,
        document jsonb,
        doc_version bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (idp_id, open_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX projection_subject_departments_idx ON projection_subject USING gin (department_ids)`,
    );
    await queryRunner.query(
      `CREATE INDEX projection_subject_ancestors_idx ON projection_subject USING gin (ancestor_ids)`,
    );
    await queryRunner.query(
      `CREATE INDEX projection_subject_user_name_idx ON projection_subject (idp_id, user_name)`,
    );
    await queryRunner.query(
      `CREATE INDEX projection_subject_external_id_idx ON projection_subject (idp_id, external_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE projection_subject`);
    await queryRunner.query(`DROP TABLE projection_department`);
    await queryRunner.query(`DROP TABLE projection_idp`);
  }
}
