import { Injectable } from '@nestjs/common';
import type {
  DepartmentNode,
  DirectoryDepartment,
  DirectoryUser,
  IdpState,
  SubjectDocument,
} from '@app/contracts';
import { IdpSnapshot, MemberCounts, TreeDepartment } from '@app/directory-domain';
import { EntityManager } from 'typeorm';
import { OutgoingDocuments } from './outgoing-documents';

export interface StateRow<T> {
  state: T | null;
  sourceVersion: number;
  pathIds: string[];
  departmentIds: string[];
}

export interface SubjectRow {
  openId: string;
  state: DirectoryUser | null;
  sourceAt: number;
  sourceVersion: number;
  causeTime: number | null;
  document: SubjectDocument | null;
  docVersion: number;
}

export interface SavedSubject {
  openId: string;
  departmentIds: string[];
  ancestorIds: string[];
  /** Counted as a member (the member rule, isCountedMember); stored as `active`, which SCIM filters on. */
  counted: boolean;
  userName: string | null;
  externalId: string | null;
  document: SubjectDocument | null;
  docVersion: number;
}

export interface SavedDepartment {
  departmentId: string;
  pathIds: string[];
  document: DepartmentNode | null;
  docVersion: number;
}

const time = (value: Date | null): number => (value ? value.getTime() : 0);

/** Rows as node-postgres returns them: bigint and numeric columns arrive as strings. */
interface DepartmentTreeRow {
  department_id: string;
  state: DirectoryDepartment | null;
  source_version: string;
  source_at: Date | null;
  member_changed_at: Date | null;
  member_changes: string;
  path_ids: string[];
}

interface SubjectTableRow {
  open_id: string;
  state: DirectoryUser | null;
  source_version: string;
  source_at: Date | null;
  cause_time: Date | null;
  document: SubjectDocument | null;
  doc_version: string;
}

interface DepartmentDocumentRow {
  department_id: string;
  document: DepartmentNode | null;
  doc_version: string;
}

/** SQL over the projection tables; no decisions. Every method runs in the caller's transaction. */
@Injectable()
export class ProjectionRepository {
  /** Serialises writers of one IdP across partitions and instances; released at commit. */
  async lockIdp(m: EntityManager, idpId: string): Promise<void> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 8083))`, [idpId]);
  }

  async loadIdp(m: EntityManager, idpId: string): Promise<(IdpSnapshot & { sourceVersion: number }) | null> {
    const [row] = await m.query(
      `SELECT state, source_version, source_at FROM projection_idp WHERE idp_id = $1`,
      [idpId],
    );
    return row
      ? { state: row.state, sourceAt: time(row.source_at), sourceVersion: Number(row.source_version) }
      : null;
  }

  async saveIdp(m: EntityManager, state: IdpState, version: number, at: string): Promise<void> {
    await m.query(
      `INSERT INTO projection_idp (idp_id, state, source_version, source_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (idp_id) DO UPDATE SET state = excluded.state, source_version = excluded.source_version, source_at = excluded.source_at`,
      [state.idpId, state, version, at],
    );
  }

  async loadDepartmentState(
    m: EntityManager,
    idpId: string,
    id: string,
  ): Promise<StateRow<DirectoryDepartment> | null> {
    const [row] = await m.query(
      `SELECT state, source_version, path_ids FROM projection_department WHERE idp_id = $1 AND department_id = $2`,
      [idpId, id],
    );
    return row
      ? {
          state: row.state,
          sourceVersion: Number(row.source_version),
          pathIds: row.path_ids,
          departmentIds: [],
        }
      : null;
  }

  async saveDepartmentState(
    m: EntityManager,
    idpId: string,
    id: string,
    state: DirectoryDepartment | null,
    version: number,
    at: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO projection_department (idp_id, department_id, state, source_version, source_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (idp_id, department_id) DO UPDATE
       SET state = excluded.state, source_version = excluded.source_version, source_at = excluded.source_at`,
      [idpId, id, state, version, at],
    );
  }

  async loadUserState(
    m: EntityManager,
    idpId: string,
    openId: string,
  ): Promise<StateRow<DirectoryUser> | null> {
    const [row] = await m.query(
      `SELECT state, source_version, department_ids FROM projection_subject WHERE idp_id = $1 AND open_id = $2`,
      [idpId, openId],
    );
    return row
      ? {
          state: row.state,
          sourceVersion: Number(row.source_version),
          pathIds: [],
          departmentIds: row.department_ids,
        }
      : null;
  }

  async saveUserState(
    m: EntityManager,
    idpId: string,
    openId: string,
    change: { state: DirectoryUser | null; version: number; at: string; causeTime: number | null },
  ): Promise<void> {
    await m.query(
      `INSERT INTO projection_subject (idp_id, open_id, state, source_version, source_at, cause_time) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (idp_id, open_id) DO UPDATE SET state = excluded.state, source_version = excluded.source_version,
         source_at = excluded.source_at, cause_time = excluded.cause_time`,
      [
        idpId,
        openId,
        change.state,
        change.version,
        change.at,
        change.causeTime === null ? null : new Date(change.causeTime),
      ],
    );
  }

  async loadTree(
    m: EntityManager,
    idpId: string,
  ): Promise<{ departments: TreeDepartment[]; storedPaths: Map<string, string[]> }> {
    const rows = await m.query(
      `SELECT department_id, state, source_version, source_at, member_changed_at, member_changes, path_ids FROM projection_department WHERE idp_id = $1`,
      [idpId],
    );
    const storedPaths = new Map<string, string[]>();
    const departments = (rows as DepartmentTreeRow[]).map((row): TreeDepartment => {
      storedPaths.set(row.department_id, row.path_ids);
      const state = row.state;
      return {
        id: row.department_id,
        name: state?.name ?? '',
        parentId: state?.parentId ?? null,
        leaderOpenId: state?.leaderOpenId ?? null,
        present: state?.status === 'active',
        sourceAt: time(row.source_at),
        sourceVersion: Math.max(0, Number(row.source_version)),
        memberChangedAt: time(row.member_changed_at),
        memberChanges: Number(row.member_changes),
      };
    });
    return { departments, storedPaths };
  }

  /** Records when members of departments changed; a department not seen yet gets a placeholder (state null). */
  async touchMembers(
    m: EntityManager,
    idpId: string,
    touched: Map<string, { at: number; changes: number }>,
  ): Promise<void> {
    if (touched.size === 0) return;
    const values = [...touched.values()];
    await m.query(
      `INSERT INTO projection_department (idp_id, department_id, state, source_version, source_at, member_changed_at, member_changes)
       SELECT $1, t.id, NULL, -1, to_timestamp(0), t.at, t.changes FROM unnest($2::text[], $3::timestamptz[], $4::int[]) AS t(id, at, changes)
       ON CONFLICT (idp_id, department_id) DO UPDATE
       SET member_changed_at = greatest(projection_department.member_changed_at, excluded.member_changed_at),
           member_changes = projection_department.member_changes + excluded.member_changes`,
      [idpId, [...touched.keys()], values.map((v) => new Date(v.at)), values.map((v) => v.changes)],
    );
  }

  async subjectIdsIn(m: EntityManager, idpId: string, departmentIds: string[] | 'all'): Promise<string[]> {
    const rows =
      departmentIds === 'all'
        ? await m.query(`SELECT open_id FROM projection_subject WHERE idp_id = $1`, [idpId])
        : await m.query(
            `SELECT open_id FROM projection_subject WHERE idp_id = $1 AND department_ids && $2::text[]`,
            [idpId, departmentIds],
          );
    return rows.map((row: { open_id: string }) => row.open_id);
  }

  async loadSubjects(m: EntityManager, idpId: string, openIds: string[]): Promise<SubjectRow[]> {
    const rows = await m.query(
      `SELECT open_id, state, source_version, source_at, cause_time, document, doc_version FROM projection_subject
       WHERE idp_id = $1 AND open_id = ANY($2::text[]) ORDER BY open_id`,
      [idpId, openIds],
    );
    return (rows as SubjectTableRow[]).map((row) => ({
      openId: row.open_id,
      state: row.state,
      sourceAt: time(row.source_at),
      sourceVersion: Number(row.source_version),
      causeTime: row.cause_time ? time(row.cause_time) : null,
      document: row.document,
      docVersion: Number(row.doc_version),
    }));
  }

  async saveSubjects(m: EntityManager, idpId: string, subjects: SavedSubject[]): Promise<void> {
    if (subjects.length === 0) return;
    await m.query(
      `UPDATE projection_subject s SET department_ids = r.department_ids, ancestor_ids = r.ancestor_ids, active = r.active,
         user_name = r.user_name, external_id = r.external_id, document = r.document, doc_version = r.doc_version
       FROM jsonb_to_recordset($2::jsonb) AS r(open_id text, department_ids text[], ancestor_ids text[], active boolean,
         user_name text, external_id text, document jsonb, doc_version bigint)
       WHERE s.idp_id = $1 AND s.open_id = r.open_id`,
      [idpId, JSON.stringify(subjects.map(toSubjectRecord))],
    );
  }

  /** Sums the member rule's marks (isCountedMember in @app/directory-domain) stored by saveSubjects. */
  async countMembers(
    m: EntityManager,
    idpId: string,
    departmentIds: string[],
  ): Promise<Map<string, MemberCounts>> {
    const rows = await m.query(
      `SELECT d.id,
         (SELECT count(*) FROM projection_subject s WHERE s.idp_id = $1 AND s.active AND s.department_ids @> ARRAY[d.id]) AS direct,
         (SELECT count(*) FROM projection_subject s WHERE s.idp_id = $1 AND s.active AND s.ancestor_ids @> ARRAY[d.id]) AS total
       FROM unnest($2::text[]) AS d(id)`,
      [idpId, departmentIds],
    );
    return new Map(
      rows.map((row: Record<string, string>) => [
        row.id,
        { direct: Number(row.direct), total: Number(row.total) },
      ]),
    );
  }

  async loadDepartmentDocuments(
    m: EntityManager,
    idpId: string,
    ids: string[],
  ): Promise<Map<string, { document: DepartmentNode | null; version: number }>> {
    const rows = await m.query(
      `SELECT department_id, document, doc_version FROM projection_department WHERE idp_id = $1 AND department_id = ANY($2::text[])`,
      [idpId, ids],
    );
    return new Map(
      (rows as DepartmentDocumentRow[]).map((row) => [
        row.department_id,
        { document: row.document, version: Number(row.doc_version) },
      ]),
    );
  }

  async saveDepartments(m: EntityManager, idpId: string, departments: SavedDepartment[]): Promise<void> {
    if (departments.length === 0) return;
    await m.query(
      `UPDATE projection_department d SET path_ids = r.path_ids, document = r.document, doc_version = r.doc_version
       FROM jsonb_to_recordset($2::jsonb) AS r(department_id text, path_ids text[], document jsonb, doc_version bigint)
       WHERE d.idp_id = $1 AND d.department_id = r.department_id`,
      [
        idpId,
        JSON.stringify(
          departments.map((d) => ({
            department_id: d.departmentId,
            path_ids: d.pathIds,
            document: d.document,
            doc_version: d.docVersion,
          })),
        ),
      ],
    );
  }

  async clearAll(m: EntityManager): Promise<void> {
    await m.query(`TRUNCATE projection_subject, projection_department, projection_idp`);
  }

  /** Every live document (of the given IdPs), to publish after a rebuild. */
  async publishedDocuments(m: EntityManager, idpIds?: string[]): Promise<OutgoingDocuments> {
    const out = new OutgoingDocuments();
    const filter = `document IS NOT NULL AND ($1::text[] IS NULL OR idp_id = ANY($1::text[]))`;
    for (const row of await m.query(
      `SELECT idp_id, open_id, document FROM projection_subject WHERE ${filter} ORDER BY 1, 2`,
      [idpIds ?? null],
    )) {
      out.subjects.push({ idpId: row.idp_id, openId: row.open_id, value: row.document });
    }
    for (const row of await m.query(
      `SELECT idp_id, department_id, document FROM projection_department WHERE ${filter} ORDER BY 1, 2`,
      [idpIds ?? null],
    )) {
      out.departments.push({ idpId: row.idp_id, departmentId: row.department_id, value: row.document });
    }
    return out;
  }

  /** Forgets everything projected for these IdPs (before a rebuild). */
  async clear(m: EntityManager, idpIds: string[]): Promise<void> {
    for (const table of ['projection_subject', 'projection_department', 'projection_idp']) {
      await m.query(`DELETE FROM ${table} WHERE idp_id = ANY($1::text[])`, [idpIds]);
    }
  }
}

function toSubjectRecord(subject: SavedSubject): Record<string, unknown> {
  return {
    open_id: subject.openId,
    department_ids: subject.departmentIds,
    ancestor_ids: subject.ancestorIds,
    active: subject.counted,
    user_name: subject.userName,
    external_id: subject.externalId,
    document: subject.document,
    doc_version: subject.docVersion,
  };
}
