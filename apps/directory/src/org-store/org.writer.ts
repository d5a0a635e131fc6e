import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { ChangeCause, DirectoryChange, entityKey, MessageHeaders, Topics } from '@app/contracts';
import { injectTraceHeaders } from '@app/kafka';
import type { DepartmentRecord, EntityChange, EntityWrite, UserRecord } from '@app/directory-domain';
import { CausedChangeSet, changeKey, IdpChange, OrgChangeSet, writeKey } from './org-change';
import {
  BUMP_DEPARTMENTS,
  BUMP_USERS,
  PUBLISH_CHANGES,
  UPSERT_DEPARTMENTS,
  UPSERT_USERS,
} from './org-sql-statements';
import { OutboxWriter } from './outbox.writer';

interface VersionRow {
  id: string;
  version: number;
}

/**
 * The one write path of the directory, shared by the event consumer and the full sync. Every method
 * works inside the caller's transaction (`dataSource.transaction(manager => …)`), so the rows, their
 * change log and their outbox records commit or roll back together.
 */
@Injectable()
export class OrgWriter {
  constructor(private readonly outbox: OutboxWriter) {}

  /**
   * Serialises writers of one IdP (event batches of several partitions, a full sync) until the
   * transaction ends, so that a read-decide-write sequence never races another. Lock IdPs in sorted order.
   */
  async lockIdp(manager: EntityManager, idpId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('larksync-directory'), hashtext($1))`, [
      idpId,
    ]);
  }

  /**
   * `lockIdp` shared with other holders of the shared lock, exclusive of `lockIdp`: for writers that
   * touch disjoint entities (the chunks of one full-sync run) and may run side by side.
   */
  async lockIdpShared(manager: EntityManager, idpId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock_shared(hashtext('larksync-directory'), hashtext($1))`, [
      idpId,
    ]);
  }

  /**
   * Records Lark event ids as applied, in the transaction that applies their effect (exactly-once).
   * Returns the ids recorded now: the others were applied before (or a concurrent transaction holds them until it ends).
   */
  async claimEvents(
    manager: EntityManager,
    idpId: string,
    eventIds: readonly string[],
  ): Promise<Set<string>> {
    if (eventIds.length === 0) return new Set();
    const rows: { event_id: string }[] = await manager.query(
      `INSERT INTO processed_event (idp_id, event_id) SELECT $1, unnest($2::text[])
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [idpId, eventIds],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  /**
   * Upserts `writes` (multi-row statements), bumps the version of every entity in `changes`, appends one
   * change_log row per change and queues each as a `DirectoryChange` on `directory.changes.v1`
   * (key = entityKey(idpId, entityId)) through the outbox. Returns the changes as published, versions
   * filled in, in order. Throws when an entity appears twice in `writes` or in `changes`; split such
   * input into several calls (later calls see earlier ones within the transaction).
   */
  async apply(
    manager: EntityManager,
    idpId: string,
    changeSet: OrgChangeSet,
    cause: ChangeCause,
  ): Promise<DirectoryChange[]> {
    return this.applyAll(manager, idpId, [{ ...changeSet, cause }]);
  }

  /**
   * `apply` for several change sets of different causes in the same statements (e.g. the events of a
   * batch); changes are published in the order of `parts`. The same uniqueness rule holds across all parts.
   */
  async applyAll(
    manager: EntityManager,
    idpId: string,
    parts: readonly CausedChangeSet[],
  ): Promise<DirectoryChange[]> {
    const writes = parts.flatMap((part) => part.writes);
    const changes = parts.flatMap((part) => part.changes);
    assertUnique(writes.map(writeKey), 'writes');
    assertUnique(changes.map(changeKey), 'changes');
    const changed = new Set(changes.map(changeKey));
    const versions = await this.upsert(manager, idpId, writes, changed);
    const written = new Set(writes.map(writeKey));
    const unwritten = changes.filter((change) => !written.has(changeKey(change)));
    for (const [key, version] of await this.bump(manager, idpId, unwritten)) versions.set(key, version);
    const occurredAt = new Date().toISOString();
    const published = parts.flatMap(({ changes: own, cause }) =>
      own.map((change) =>
        toDirectoryChange(idpId, change, versions.get(changeKey(change)), cause, occurredAt),
      ),
    );
    await this.publish(manager, idpId, published);
    return published;
  }

  /** Deletes the IdP's org (departments, users, applied event ids, change log) under its lock. */
  async removeOrg(manager: EntityManager, idpId: string): Promise<void> {
    await this.lockIdp(manager, idpId);
    for (const table of ['department', 'directory_user', 'processed_event', 'change_log'])
      await manager.query(`DELETE FROM ${table} WHERE idp_id = $1`, [idpId]);
  }

  /** Logs and publishes a change of an IdP's configuration (the admin API writes the idp row itself). */
  async applyIdpChange(
    manager: EntityManager,
    idpId: string,
    change: IdpChange,
    cause: ChangeCause,
  ): Promise<DirectoryChange> {
    const { op, before, after, version } = change;
    const published: DirectoryChange = {
      changeId: randomUUID(),
      idpId,
      entity: 'idp',
      entityId: idpId,
      op,
      before,
      after,
      cause,
      version,
      occurredAt: new Date().toISOString(),
    };
    await this.publish(manager, idpId, [published]);
    return published;
  }

  /** The change log and the outbox in one statement: each change is serialised once, for both. */
  private async publish(manager: EntityManager, idpId: string, published: DirectoryChange[]): Promise<void> {
    if (published.length === 0) return;
    const headers = injectTraceHeaders({ [MessageHeaders.idpId]: idpId });
    await manager.query(PUBLISH_CHANGES, [
      JSON.stringify(published),
      Topics.directoryChanges,
      published.map((change) => entityKey(idpId, change.entityId)),
      published.map((change) => `directory.${change.entity}.${change.op}`),
      JSON.stringify(headers),
      MessageHeaders.eventType,
    ]);
    await this.outbox.notifyAtCommit(manager);
  }

  private async upsert(
    manager: EntityManager,
    idpId: string,
    writes: readonly EntityWrite[],
    changed: Set<string>,
  ): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    const departments = writes.flatMap((write) =>
      write.entity === 'department' ? [departmentRecord(write.record, changed)] : [],
    );
    const users = writes.flatMap((write) =>
      write.entity === 'user' ? [userRecord(write.record, changed)] : [],
    );
    if (departments.length > 0)
      collect(
        versions,
        'department',
        await manager.query(UPSERT_DEPARTMENTS, [idpId, JSON.stringify(departments)]),
      );
    if (users.length > 0)
      collect(versions, 'user', await manager.query(UPSERT_USERS, [idpId, JSON.stringify(users)]));
    return versions;
  }

  private async bump(
    manager: EntityManager,
    idpId: string,
    changes: readonly EntityChange[],
  ): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    const ids = (entity: EntityChange['entity']) =>
      changes.filter((change) => change.entity === entity).map((change) => change.entityId);
    if (ids('department').length > 0)
      collect(versions, 'department', await manager.query(BUMP_DEPARTMENTS, [idpId, ids('department')]));
    if (ids('user').length > 0)
      collect(versions, 'user', await manager.query(BUMP_USERS, [idpId, ids('user')]));
    return versions;
  }
}

/** TypeORM returns UPDATE … RETURNING as [rows, count] but INSERT … RETURNING as rows. */
function collect(
  versions: Map<string, number>,
  entity: string,
  result: VersionRow[] | [VersionRow[], number],
): void {
  const rows = Array.isArray(result[0]) ? (result[0] as VersionRow[]) : (result as VersionRow[]);
  for (const row of rows) versions.set(`${entity}:${row.id}`, row.version);
}

function assertUnique(keys: string[], what: string): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw new Error(`OrgWriter.apply: ${key} appears twice in ${what}`);
    seen.add(key);
  }
}

function departmentRecord(
  { department: d, sourceVersion, sourceEventId }: DepartmentRecord,
  changed: Set<string>,
) {
  return {
    open_department_id: d.openDepartmentId,
    department_id: d.departmentId,
    name: d.name,
    parent_id: d.parentId,
    path: d.path,
    leader_open_id: d.leaderOpenId,
    order: d.order,
    status: d.status,
    source_version: sourceVersion,
    source_event_id: sourceEventId,
    bump: changed.has(`department:${d.openDepartmentId}`),
  };
}

function userRecord({ user: u, larkStatus, sourceVersion, sourceEventId }: UserRecord, changed: Set<string>) {
  return {
    open_id: u.openId,
    union_id: u.unionId,
    user_id: u.userId,
    name: u.name,
    en_name: u.enName,
    email: u.email,
    enterprise_email: u.enterpriseEmail,
    mobile: u.mobile,
    employee_no: u.employeeNo,
    employee_type: u.employeeType,
    job_title: u.jobTitle,
    department_ids: u.departmentIds,
    primary_department_id: u.primaryDepartmentId,
    leader_open_id: u.leaderOpenId,
    status: u.status,
    lark_status: larkStatus,
    custom_attrs: u.customAttrs,
    source_version: sourceVersion,
    source_event_id: sourceEventId,
    bump: changed.has(`user:${u.openId}`),
  };
}

function toDirectoryChange(
  idpId: string,
  change: EntityChange,
  version: number | undefined,
  cause: ChangeCause,
  occurredAt: string,
): DirectoryChange {
  if (version === undefined) throw new Error(`OrgWriter.apply: ${changeKey(change)} has a change but no row`);
  return { changeId: randomUUID(), idpId, ...change, cause, version, occurredAt } as DirectoryChange;
}
