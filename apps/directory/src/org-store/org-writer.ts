import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChangeCause, DirectoryChange, entityKey, MessageHeaders, Topics } from '@app/contracts';
import { changeEntityId, OrgChange } from './org-change';
import { distinctRuns } from './org-sql';
import { OutboxWriter } from './outbox-writer';

type EntityChange<K extends OrgChange['entity']> = Extract<OrgChange, { entity: K }>;

const UPSERT_DEPARTMENTS = `
  INSERT INTO department AS d (idp_id, open_department_id, department_id, name, parent_id, path, leader_open_id, "order", status, source_version)
  SELECT $1, r.open_department_id, r.department_id, r.name, r.parent_id, r.path, r.leader_open_id, r."order", r.status, r.source_version
  FROM jsonb_to_recordset($2::jsonb) AS r(open_department_id text, department_id text, name text, parent_id text, path text[],
    leader_open_id text, "order" bigint, status text, source_version bigint)
  ON CONFLICT (idp_id, open_department_id) DO UPDATE SET department_id = EXCLUDED.department_id, name = EXCLUDED.name,
    parent_id = EXCLUDED.parent_id, path = EXCLUDED.path, leader_open_id = EXCLUDED.leader_open_id, "order" = EXCLUDED."order",
    status = EXCLUDED.status, source_version = GREATEST(d.source_version, EXCLUDED.source_version),
    version = d.version + 1, updated_at = now()
  RETURNING open_department_id AS id, version`;

const UPSERT_USERS = `
  INSERT INTO directory_user AS u (idp_id, open_id, union_id, user_id, name, en_name, email, enterprise_email, mobile, employee_no,
    employee_type, job_title, department_ids, primary_department_id, leader_open_id, status, custom_attrs, source_version)
  SELECT $1, r.open_id, r.union_id, r.user_id, r.name, r.en_name, r.email, r.enterprise_email, r.mobile, r.employee_no,
    r.employee_type, r.job_title, r.department_ids, r.primary_department_id, r.leader_open_id, r.status, r.custom_attrs, r.source_version
  FROM jsonb_to_recordset($2::jsonb) AS r(open_id text, union_id text, user_id text, name text, en_name text, email text,
    enterprise_email text, mobile text, employee_no text, employee_type int, job_title text, department_ids text[],
    primary_department_id text, leader_open_id text, status text, custom_attrs jsonb, source_version bigint)
  ON CONFLICT (idp_id, open_id) DO UPDATE SET union_id = EXCLUDED.union_id, user_id = EXCLUDED.user_id, name = EXCLUDED.name,
    en_name = EXCLUDED.en_name, email = EXCLUDED.email, enterprise_email = EXCLUDED.enterprise_email, mobile = EXCLUDED.mobile,
    employee_no = EXCLUDED.employee_no, employee_type = EXCLUDED.employee_type, job_title = EXCLUDED.job_title,
    department_ids = EXCLUDED.department_ids, primary_department_id = EXCLUDED.primary_department_id,
    leader_open_id = EXCLUDED.leader_open_id, status = EXCLUDED.status, custom_attrs = EXCLUDED.custom_attrs,
    source_version = GREATEST(u.source_version, EXCLUDED.source_version), version = u.version + 1, updated_at = now()
  RETURNING open_id AS id, version`;

const INSERT_CHANGE_LOG = `
  INSERT INTO change_log (change_id, idp_id, entity, entity_id, op, before, after, cause, version, occurred_at)
  SELECT r."changeId", r."idpId", r.entity, r."entityId", r.op, r.before, r.after, r.cause, r.version, r."occurredAt"
  FROM jsonb_to_recordset($1::jsonb) AS r("changeId" text, "idpId" text, entity text, "entityId" text, op text,
    before jsonb, after jsonb, cause jsonb, version int, "occurredAt" timestamptz)`;

/**
 * The one write path of the directory, shared by the event consumer and the full sync. Every method
 * works inside the caller's transaction (`dataSource.transaction(manager => …)`), so the rows, their
 * change log and their outbox records commit or roll back together.
 */
@Injectable()
export class OrgWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  /**
   * Serialises writers of one IdP (event batches on several partitions, a full sync) until the
   * transaction ends, so a read-decide-write sequence never races another. Lock IdPs in sorted order.
   */
  async lockIdp(manager: EntityManager, idpId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('larksync-directory'), hashtext($1))`, [idpId]);
  }

  /** Records Lark event ids as applied, in the transaction that applies their effect (exactly-once). */
  async recordProcessedEvents(manager: EntityManager, idpId: string, eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    await manager.query(`INSERT INTO processed_event (idp_id, event_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING`, [idpId, eventIds]);
  }

  /**
   * Upserts the departments and users of `changes` (multi-row, in order; an entity may appear more than
   * once), bumps each row's version, appends one change_log row per change and queues each change as a
   * `DirectoryChange` on `directory.changes.v1` (key = entityKey(idpId, entityId)) through the outbox.
   * Returns the published changes, versions filled in.
   */
  async apply(manager: EntityManager, idpId: string, changes: readonly OrgChange[], cause: ChangeCause): Promise<DirectoryChange[]> {
    if (changes.length === 0) return [];
    const versions: number[] = [];
    for (const run of distinctRuns([...changes.entries()], ([, change]) => `${change.entity}:${changeEntityId(change)}`)) {
      const written = await this.writeRun(manager, idpId, run.map(([, change]) => change));
      run.forEach(([index], position) => (versions[index] = written[position]));
    }
    const occurredAt = new Date().toISOString();
    const published = changes.map((change, index) => toDirectoryChange(idpId, change, versions[index], cause, occurredAt));
    await manager.query(INSERT_CHANGE_LOG, [JSON.stringify(published)]);
    await this.outbox.enqueue(manager, published.map(toOutboxMessage));
    return published;
  }

  /** Writes one run (no entity twice); returns the new version of each change, in order. */
  private async writeRun(manager: EntityManager, idpId: string, run: OrgChange[]): Promise<number[]> {
    const departments = run.filter((change): change is EntityChange<'department'> => change.entity === 'department');
    const users = run.filter((change): change is EntityChange<'user'> => change.entity === 'user');
    const versions = new Map<string, number>();
    if (departments.length > 0) {
      const rows = (await manager.query(UPSERT_DEPARTMENTS, [idpId, JSON.stringify(departments.map(departmentRecord))])) as VersionRow[];
      rows.forEach((row) => versions.set(`department:${row.id}`, row.version));
    }
    if (users.length > 0) {
      const rows = (await manager.query(UPSERT_USERS, [idpId, JSON.stringify(users.map(userRecord))])) as VersionRow[];
      rows.forEach((row) => versions.set(`user:${row.id}`, row.version));
    }
    return run.map((change) => (change.entity === 'idp' ? change.version : versions.get(`${change.entity}:${changeEntityId(change)}`)!));
  }
}

interface VersionRow {
  id: string;
  version: number;
}

function departmentRecord({ after, sourceVersion }: EntityChange<'department'>): Record<string, unknown> {
  return {
    open_department_id: after.openDepartmentId,
    department_id: after.departmentId,
    name: after.name,
    parent_id: after.parentId,
    path: after.path,
    leader_open_id: after.leaderOpenId,
    order: after.order,
    status: after.status,
    source_version: sourceVersion,
  };
}

function userRecord({ after, sourceVersion }: EntityChange<'user'>): Record<string, unknown> {
  return {
    open_id: after.openId,
    union_id: after.unionId,
    user_id: after.userId,
    name: after.name,
    en_name: after.enName,
    email: after.email,
    enterprise_email: after.enterpriseEmail,
    mobile: after.mobile,
    employee_no: after.employeeNo,
    employee_type: after.employeeType,
    job_title: after.jobTitle,
    department_ids: after.departmentIds,
    primary_department_id: after.primaryDepartmentId,
    leader_open_id: after.leaderOpenId,
    status: after.status,
    custom_attrs: after.customAttrs,
    source_version: sourceVersion,
  };
}

function toDirectoryChange(idpId: string, change: OrgChange, version: number, cause: ChangeCause, occurredAt: string): DirectoryChange {
  const { entity, op, before, after } = change;
  return { changeId: randomUUID(), idpId, entity, entityId: changeEntityId(change), op, before, after, cause, version, occurredAt } as DirectoryChange;
}

function toOutboxMessage(change: DirectoryChange) {
  return {
    topic: Topics.directoryChanges,
    key: entityKey(change.idpId, change.entityId),
    value: JSON.stringify(change),
    headers: { [MessageHeaders.eventType]: `directory.${change.entity}.${change.op}`, [MessageHeaders.idpId]: change.idpId },
  };
}
