import { Injectable } from '@nestjs/common';
import type { DepartmentNode, SubjectDocument } from '@app/contracts';
import { DataSource } from 'typeorm';

export interface SubjectPage {
  total: number;
  documents: SubjectDocument[];
}

export interface SubjectFilter {
  idpId?: string;
  userName?: string;
  externalId?: string;
  openId?: string;
  active?: boolean;
}

/** Reads published documents (never the directory's tables). */
@Injectable()
export class ProjectionQueryRepository {
  constructor(private readonly dataSource: DataSource) {}

  async subject(idpId: string, openId: string): Promise<SubjectDocument | null> {
    const [row] = await this.dataSource.query(
      `SELECT document FROM projection_subject WHERE idp_id = $1 AND open_id = $2 AND document IS NOT NULL`,
      [idpId, openId],
    );
    return row?.document ?? null;
  }

  /** The documents of those of these subjects that exist, by openId. */
  async subjectsByOpenId(idpId: string, openIds: string[]): Promise<Map<string, SubjectDocument>> {
    const rows = await this.dataSource.query(
      `SELECT open_id, document FROM projection_subject WHERE idp_id = $1 AND open_id = ANY($2::text[]) AND document IS NOT NULL`,
      [idpId, openIds],
    );
    return new Map(
      rows.map((row: { open_id: string; document: SubjectDocument }) => [row.open_id, row.document]),
    );
  }

  async department(idpId: string, departmentId: string): Promise<DepartmentNode | null> {
    const [row] = await this.dataSource.query(
      `SELECT document FROM projection_department WHERE idp_id = $1 AND department_id = $2 AND document IS NOT NULL`,
      [idpId, departmentId],
    );
    return row?.document ?? null;
  }

  async members(idpId: string, departmentId: string, recursive: boolean): Promise<SubjectDocument[]> {
    const column = recursive ? 'ancestor_ids' : 'department_ids';
    const rows = await this.dataSource.query(
      `SELECT document FROM projection_subject WHERE idp_id = $1 AND ${column} @> ARRAY[$2::text] AND document IS NOT NULL ORDER BY open_id`,
      [idpId, departmentId],
    );
    return rows.map((row: { document: SubjectDocument }) => row.document);
  }

  /** Subjects of every IdP (SCIM has no IdP in its paths), filtered, in a stable order; offset is 0-based. */
  async subjects(filter: SubjectFilter, offset: number, limit: number): Promise<SubjectPage> {
    const where = ['document IS NOT NULL'];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.userName !== undefined) add('lower(user_name) = lower(?)', filter.userName);
    if (filter.externalId !== undefined) add('external_id = ?', filter.externalId);
    if (filter.idpId !== undefined) add('idp_id = ?', filter.idpId);
    if (filter.openId !== undefined) add('open_id = ?', filter.openId);
    if (filter.active !== undefined) add('active = ?', filter.active);
    const clause = where.join(' AND ');
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*) AS count FROM projection_subject WHERE ${clause}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT document FROM projection_subject WHERE ${clause} ORDER BY idp_id, open_id OFFSET ${offset} LIMIT ${limit}`,
      params,
    );
    return {
      total: Number(count),
      documents: rows.map((row: { document: SubjectDocument }) => row.document),
    };
  }

  async departments(
    filter: { departmentId?: string; idpId?: string },
    offset: number,
    limit: number,
  ): Promise<{ total: number; documents: DepartmentNode[] }> {
    const params = [filter.idpId ?? null, filter.departmentId ?? null];
    const clause = `document IS NOT NULL AND ($1::text IS NULL OR idp_id = $1) AND ($2::text IS NULL OR department_id = $2)`;
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*) AS count FROM projection_department WHERE ${clause}`,
      params,
    );
    const rows = await this.dataSource.query(
      `SELECT document FROM projection_department WHERE ${clause} ORDER BY idp_id, department_id OFFSET ${offset} LIMIT ${limit}`,
      params,
    );
    return { total: Number(count), documents: rows.map((row: { document: DepartmentNode }) => row.document) };
  }

  /** openIds of the direct members of each department (SCIM Group members). */
  async directMemberIds(
    idpId: string,
    departmentIds: string[],
  ): Promise<Map<string, { openId: string; name: string }[]>> {
    const rows = await this.dataSource.query(
      `SELECT d.id, s.open_id, s.document->>'name' AS name FROM unnest($2::text[]) AS d(id)
       JOIN projection_subject s ON s.idp_id = $1 AND s.department_ids @> ARRAY[d.id] AND s.document IS NOT NULL ORDER BY s.open_id`,
      [idpId, departmentIds],
    );
    const members = new Map<string, { openId: string; name: string }[]>();
    for (const row of rows)
      members.set(row.id, [...(members.get(row.id) ?? []), { openId: row.open_id, name: row.name }]);
    return members;
  }
}
