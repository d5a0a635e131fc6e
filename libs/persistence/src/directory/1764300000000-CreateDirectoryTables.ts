import { MigrationInterface, QueryRunner } from 'typeorm';

/** The org tree, users, exactly-once bookkeeping, change log and transactional outbox of the directory. */
export class CreateDirectoryTables1764300000000 implements MigrationInterface {
  name = 'CreateDirectoryTables1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE department (
        idp_id text NOT NULL,
        open_department_id text NOT NULL,
        department_id text,
        name text NOT NULL DEFAULT '',
        parent_id text,
        path text[] NOT NULL DEFAULT '{}',
        leader_open_id text,
        "order" bigint NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('active', 'deleted', 'out_of_scope')),
        source_version bigint NOT NULL DEFAULT 0,
        source_event_id text,
        version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (idp_id, open_department_id)
      )`);
    await queryRunner.query(`CREATE INDEX department_path_idx ON department USING GIN (path)`);
    await queryRunner.query(`CREATE INDEX department_parent_idx ON department (idp_id, parent_id)`);
    await queryRunner.query(`
      CREATE TABLE directory_user (
        idp_id text NOT NULL,
        open_id text NOT NULL,
        union_id text,
        user_id text,
        name text NOT NULL DEFAULT '',
        en_name text,
        email text,
        enterprise_email text,
        mobile text,
        employee_no text,
        employee_type int,
        job_title text,
        department_ids text[] NOT NULL DEFAULT '{}',
        primary_department_id text,
        leader_open_id text,
        status text NOT NULL CHECK (status IN ('active', 'resigned', 'frozen', 'inactive', 'out_of_scope')),
        lark_status text NOT NULL CHECK (lark_status IN ('active', 'resigned', 'frozen', 'inactive')),
        custom_attrs jsonb NOT NULL DEFAULT '{}',
        source_version bigint NOT NULL DEFAULT 0,
        source_event_id text,
        version int NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (idp_id, open_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX directory_user_departments_idx ON directory_user USING GIN (department_ids)`,
    );
    await queryRunner.query(`
      CREATE TABLE processed_event (
        idp_id text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (idp_id, event_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE change_log (
        id bigserial PRIMARY KEY,
        change_id text NOT NULL UNIQUE,
        idp_id text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        op text NOT NULL,
        before jsonb,
        after jsonb,
        cause jsonb NOT NULL,
        version int NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX change_log_entity_idx ON change_log (idp_id, entity, entity_id)`);
    await queryRunner.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        key text NOT NULL,
        value text,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outbox, change_log, processed_event, directory_user, department`);
  }
}
