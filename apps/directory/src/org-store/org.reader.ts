import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DirectoryEntityKind } from '@app/contracts';
import { StoredDepartment, StoredUser } from './org-change';
import { DEPARTMENT_COLUMNS, toStoredDepartment, toStoredUser, USER_COLUMNS } from './org-sql';

/** One change_log row, as `GET …/history` returns it. */
export interface ChangeLogEntry {
  id: number;
  changeId: string;
  op: string;
  before: unknown;
  after: unknown;
  cause: unknown;
  version: number;
  occurredAt: string;
}

/**
 * Reads the org tree of an IdP, rows in the `@app/directory-domain` record shapes plus `version`.
 * Every method takes an optional `manager`: pass the transaction's to read what it has written so far (and under its IdP lock); without one it reads committed data.
 * Tombstones (deleted departments, resigned users) are included: callers filter on `status`.
 */
@Injectable()
export class OrgReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Every department of the IdP. */
  async departments(idpId: string, manager?: EntityManager): Promise<StoredDepartment[]> {
    const rows = await this.db(manager).query(
      `SELECT ${DEPARTMENT_COLUMNS} FROM department WHERE idp_id = $1 ORDER BY "order", open_department_id`,
      [idpId],
    );
    return rows.map(toStoredDepartment);
  }

  /** The departments among `ids` that exist (any status). */
  async departmentsByIds(
    idpId: string,
    ids: readonly string[],
    manager?: EntityManager,
  ): Promise<StoredDepartment[]> {
    if (ids.length === 0) return [];
    const rows = await this.db(manager).query(
      `SELECT ${DEPARTMENT_COLUMNS} FROM department WHERE idp_id = $1 AND open_department_id = ANY($2)`,
      [idpId, ids],
    );
    return rows.map(toStoredDepartment);
  }

  /** Strict descendants of a department (any depth), found by their ancestor path; works before the department itself is known. */
  async descendants(
    idpId: string,
    departmentId: string,
    manager?: EntityManager,
  ): Promise<StoredDepartment[]> {
    const rows = await this.db(manager).query(
      `SELECT ${DEPARTMENT_COLUMNS} FROM department WHERE idp_id = $1 AND path @> ARRAY[$2::text] ORDER BY cardinality(path)`,
      [idpId, departmentId],
    );
    return rows.map(toStoredDepartment);
  }

  /** Every user of the IdP. */
  async users(idpId: string, manager?: EntityManager): Promise<StoredUser[]> {
    const rows = await this.db(manager).query(
      `SELECT ${USER_COLUMNS} FROM directory_user WHERE idp_id = $1 ORDER BY open_id`,
      [idpId],
    );
    return rows.map(toStoredUser);
  }

  /** The users among `openIds` that exist (any status). */
  async usersByIds(
    idpId: string,
    openIds: readonly string[],
    manager?: EntityManager,
  ): Promise<StoredUser[]> {
    if (openIds.length === 0) return [];
    const rows = await this.db(manager).query(
      `SELECT ${USER_COLUMNS} FROM directory_user WHERE idp_id = $1 AND open_id = ANY($2)`,
      [idpId, openIds],
    );
    return rows.map(toStoredUser);
  }

  /** Users that are members of any of `departmentIds` (GIN-indexed overlap), any status. */
  async usersInDepartments(
    idpId: string,
    departmentIds: readonly string[],
    manager?: EntityManager,
  ): Promise<StoredUser[]> {
    if (departmentIds.length === 0) return [];
    const rows = await this.db(manager).query(
      `SELECT ${USER_COLUMNS} FROM directory_user WHERE idp_id = $1 AND department_ids && $2::text[] ORDER BY open_id`,
      [idpId, departmentIds],
    );
    return rows.map(toStoredUser);
  }

  /** Members of a department, with `recursive` those of its whole subtree too. */
  async usersOfDepartment(
    idpId: string,
    departmentId: string,
    recursive: boolean,
    manager?: EntityManager,
  ): Promise<StoredUser[]> {
    const ids = recursive
      ? [
          departmentId,
          ...(await this.descendants(idpId, departmentId, manager)).map((d) => d.department.openDepartmentId),
        ]
      : [departmentId];
    return this.usersInDepartments(idpId, ids, manager);
  }

  /** How many departments and users the IdP has (any status). */
  async count(idpId: string, manager?: EntityManager): Promise<{ departments: number; users: number }> {
    const [counts] = await this.db(manager).query(
      `SELECT (SELECT count(*)::int FROM department WHERE idp_id = $1) AS departments,
         (SELECT count(*)::int FROM directory_user WHERE idp_id = $1) AS users`,
      [idpId],
    );
    return counts;
  }

  /** The change log of one entity, oldest first. */
  async history(
    idpId: string,
    entity: DirectoryEntityKind,
    entityId: string,
    manager?: EntityManager,
  ): Promise<ChangeLogEntry[]> {
    const rows: Record<string, unknown>[] = await this.db(manager).query(
      `SELECT id, change_id AS "changeId", op, before, after, cause, version, occurred_at AS "occurredAt"
       FROM change_log WHERE idp_id = $1 AND entity = $2 AND entity_id = $3 ORDER BY id`,
      [idpId, entity, entityId],
    );
    return rows.map((row) => ({
      ...(row as unknown as ChangeLogEntry),
      id: Number(row.id),
      occurredAt: new Date(row.occurredAt as string).toISOString(),
    }));
  }

  private db(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }
}
