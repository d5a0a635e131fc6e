/** Multi-row upserts: one json parameter of records (json, not jsonb: read once, never built as jsonb); `bump` says whether the row's version grows (a published change). */
export const UPSERT_DEPARTMENTS = `
  INSERT INTO department AS d (idp_id, open_department_id, department_id, name, parent_id, path, leader_open_id, "order", status,
    source_version, source_event_id, version)
  SELECT $1, r.open_department_id, r.department_id, r.name, r.parent_id, r.path, r.leader_open_id, r."order", r.status,
    r.source_version, r.source_event_id, CASE WHEN r.bump THEN 1 ELSE 0 END
  FROM json_to_recordset($2::json) AS r(open_department_id text, department_id text, name text, parent_id text, path text[],
    leader_open_id text, "order" bigint, status text, source_version bigint, source_event_id text, bump boolean)
  ON CONFLICT (idp_id, open_department_id) DO UPDATE SET department_id = EXCLUDED.department_id, name = EXCLUDED.name,
    parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, leader_open_id = EXCLUDED.leader_open_id, "order" = EXCLUDED."order",
    status = EXCLUDED.status, source_version = EXCLUDED.source_version, source_event_id = EXCLUDED.source_event_id,
    version = d.version + EXCLUDED.version, updated_at = now()
  RETURNING open_department_id AS id, version`;

export const UPSERT_USERS = `
  INSERT INTO directory_user AS u (idp_id, open_id, union_id, user_id, name, en_name, email, enterprise_email, mobile, employee_no,
    employee_type, job_title, department_ids, primary_department_id, leader_open_id, status, lark_status, custom_attrs,
    source_version, source_event_id, version)
  SELECT $1, r.open_id, r.union_id, r.user_id, r.name, r.en_name, r.email, r.enterprise_email, r.mobile, r.employee_no,
    r.employee_type, r.job_title, r.department_ids, r.primary_department_id, r.leader_open_id, r.status, r.lark_status,
    r.custom_attrs, r.source_version, r.source_event_id, CASE WHEN r.bump THEN 1 ELSE 0 END
  FROM json_to_recordset($2::json) AS r(open_id text, union_id text, user_id text, name text, en_name text, email text,
    enterprise_email text, mobile text, employee_no text, employee_type int, job_title text, department_ids text[],
    primary_department_id text, leader_open_id text, status text, lark_status text, custom_attrs jsonb, source_version bigint,
    source_event_id text, bump boolean)
  ON CONFLICT (idp_id, open_id) DO UPDATE SET union_id = EXCLUDED.union_id, user_id = EXCLUDED.user_id, name = EXCLUDED.name,
    en_name = EXCLUDED.en_name, email = EXCLUDED.email, enterprise_email = EXCLUDED.enterprise_email, mobile = EXCLUDED.mobile,
    employee_no = EXCLUDED.employee_no, employee_type = EXCLUDED.employee_type, job_title = EXCLUDED.job_title,
    department_ids = EXCLUDED.department_ids, primary_department_id = EXCLUDED.primary_department_id,
    leader_open_id = EXCLUDED.leader_open_id, status = EXCLUDED.status, lark_status = EXCLUDED.lark_status,
    custom_attrs = EXCLUDED.custom_attrs, source_version = EXCLUDED.source_version, source_event_id = EXCLUDED.source_event_id,
    version = u.version + EXCLUDED.version, updated_at = now()
  RETURNING open_id AS id, version`;

export const BUMP_DEPARTMENTS = `UPDATE department SET version = version + 1, updated_at = now()
  WHERE idp_id = $1 AND open_department_id = ANY($2) RETURNING open_department_id AS id, version`;

export const BUMP_USERS = `UPDATE directory_user SET version = version + 1, updated_at = now()
  WHERE idp_id = $1 AND open_id = ANY($2) RETURNING open_id AS id, version`;

/**
 * Appends changes to the change log and queues them in the outbox in one statement. $1: a JSON array of
 * DirectoryChange, sent once (each outbox value is its element's text as is); $2 topic; $3, $4: each
 * change's key and event-type header; $5 the headers all share; $6 the event-type header's name.
 */
export const PUBLISH_CHANGES = `
  WITH c AS (
    SELECT e.n, e.m, e.key, e.event_type, r.*
    FROM ROWS FROM (json_array_elements($1::json), unnest($3::text[]), unnest($4::text[]))
        WITH ORDINALITY AS e(m, key, event_type, n),
      json_to_record(e.m) AS r("changeId" text, "idpId" text, entity text, "entityId" text, op text, before json,
        after json, cause json, version int, "occurredAt" timestamptz)
  ), logged AS (
    INSERT INTO change_log (change_id, idp_id, entity, entity_id, op, before, after, cause, version, occurred_at)
    SELECT "changeId", "idpId", entity, "entityId", op, before, after, cause, version, "occurredAt" FROM c ORDER BY n
  )
  INSERT INTO outbox (topic, key, value, headers)
  SELECT $2, key, m::text, $5::jsonb || jsonb_build_object($6::text, event_type) FROM c ORDER BY n`;
