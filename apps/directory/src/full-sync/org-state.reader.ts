import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { DirectoryDepartment, DirectoryUser, UserStatus } from '@app/contracts';
import { DepartmentRecord, UserRecord } from '@app/directory-domain';
import { OrgReader } from '../org-store';

type Bookkeeping = { sourceVersion: number; sourceEventId?: string | null; version?: number };
type FlatDepartment = DirectoryDepartment & Bookkeeping;
type FlatUser = DirectoryUser & Bookkeeping & { larkStatus?: UserStatus };

/** Accepts the org store's row in the record shape or flat (the shape is being settled). */
export function asDepartmentRecord(row: DepartmentRecord | FlatDepartment): DepartmentRecord {
  if ('department' in row)
    return {
      department: row.department,
      sourceVersion: Number(row.sourceVersion),
      sourceEventId: row.sourceEventId ?? null,
    };
  const { sourceVersion, sourceEventId, version: _version, ...department } = row;
  return { department, sourceVersion: Number(sourceVersion), sourceEventId: sourceEventId ?? null };
}

export function asUserRecord(row: UserRecord | FlatUser): UserRecord {
  if ('user' in row)
    return {
      user: row.user,
      larkStatus: row.larkStatus,
      sourceVersion: Number(row.sourceVersion),
      sourceEventId: row.sourceEventId ?? null,
    };
  const { sourceVersion, sourceEventId, version: _version, larkStatus, ...user } = row;
  return {
    user,
    larkStatus: larkStatus ?? user.status,
    sourceVersion: Number(sourceVersion),
    sourceEventId: sourceEventId ?? null,
  };
}

/** The stored org as the domain's records: the one place that knows the org store's row shape. */
@Injectable()
export class OrgStateReader {
  constructor(private readonly reader: OrgReader) {}

  async departments(idpId: string, manager?: EntityManager): Promise<DepartmentRecord[]> {
    return ((await this.reader.departments(idpId, manager)) as (DepartmentRecord | FlatDepartment)[]).map(
      asDepartmentRecord,
    );
  }

  async users(idpId: string, manager?: EntityManager): Promise<UserRecord[]> {
    return ((await this.reader.users(idpId, manager)) as (UserRecord | FlatUser)[]).map(asUserRecord);
  }

  async departmentsByIds(
    idpId: string,
    ids: string[],
    manager: EntityManager,
  ): Promise<Map<string, DepartmentRecord>> {
    const rows = (
      (await this.reader.departmentsByIds(idpId, ids, manager)) as (DepartmentRecord | FlatDepartment)[]
    ).map(asDepartmentRecord);
    return new Map(rows.map((row) => [row.department.openDepartmentId, row]));
  }

  async usersByIds(idpId: string, ids: string[], manager: EntityManager): Promise<Map<string, UserRecord>> {
    const rows = ((await this.reader.usersByIds(idpId, ids, manager)) as (UserRecord | FlatUser)[]).map(
      asUserRecord,
    );
    return new Map(rows.map((row) => [row.user.openId, row]));
  }
}
