import type { ChangeOp, DirectoryDepartment, DirectoryUser, UserStatus } from '@app/contracts';

/**
 * What last wrote a row: `sourceVersion` is the createTime (ms) of the event, or the snapshot time of the sync run;
 * `sourceEventId` is that event's id, null when a sync run wrote it.
 */
export interface SourceVersion {
  sourceVersion: number;
  sourceEventId: string | null;
}

/** A user row: `larkStatus` is Lark's own status, kept so that a user re-entering the scope gets it back. */
export interface UserRecord extends SourceVersion {
  user: DirectoryUser;
  larkStatus: UserStatus;
}

/** A department row. */
export interface DepartmentRecord extends SourceVersion {
  department: DirectoryDepartment;
}

/** One change for the change log and `directory.changes.v1` (the I/O layer adds ids, cause and version). */
export type EntityChange =
  | { entity: 'user'; entityId: string; op: ChangeOp; before: DirectoryUser | null; after: DirectoryUser }
  | {
      entity: 'department';
      entityId: string;
      op: ChangeOp;
      before: DirectoryDepartment | null;
      after: DirectoryDepartment;
    };

/** A row to upsert. */
export type EntityWrite =
  { entity: 'user'; record: UserRecord } | { entity: 'department'; record: DepartmentRecord };

/** The status a user has in the directory: resigned always wins, otherwise out of scope hides Lark's status. */
export function effectiveUserStatus(larkStatus: UserStatus, inScope: boolean): UserStatus {
  if (larkStatus === 'resigned') return 'resigned';
  return inScope ? larkStatus : 'out_of_scope';
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    let count = 0;
    for (const k in ra) {
      count++;
      if (ra[k] !== rb[k]) return false;
    }
    for (const _ in rb) count--;
    return count === 0;
  }
  return false;
}

/** Every field of a DirectoryUser, in contract order. */
export const USER_FIELDS = [
  'openId',
  'unionId',
  'userId',
  'name',
  'enName',
  'email',
  'enterpriseEmail',
  'mobile',
  'employeeNo',
  'employeeType',
  'jobTitle',
  'departmentIds',
  'primaryDepartmentId',
  'leaderOpenId',
  'status',
  'customAttrs',
] as const satisfies readonly (keyof DirectoryUser)[];

/** True when no field of two users differs (allocation-free: the full sync compares 100k rows). */
export function isSameUser(before: DirectoryUser, after: DirectoryUser): boolean {
  for (const key of USER_FIELDS) if (!sameValue(before[key], after[key])) return false;
  return true;
}

/** True when no field differs. */
export function isSameEntity<T extends object>(before: T, after: T): boolean {
  let count = 0;
  for (const key in after) {
    count++;
    if (!sameValue(before[key], after[key])) return false;
  }
  for (const _ in before) count--;
  return count === 0;
}

/** Names of the fields that differ between two entities of the same kind (shallow; arrays and records by value). */
export function changedFields<T extends object>(before: T, after: T): (keyof T)[] {
  return (Object.keys(after) as (keyof T)[]).filter((k) => !sameValue(before[k], after[k]));
}

/** The op of a user change, or null when nothing a subscriber sees changed. */
export function userChangeOp(before: DirectoryUser | null, after: DirectoryUser): ChangeOp | null {
  const visibleAfter = after.status !== 'out_of_scope';
  if (before === null || before.status === 'out_of_scope') {
    if (!visibleAfter) return null;
    return after.status === 'resigned' ? 'deactivated' : 'created';
  }
  if (!visibleAfter) return 'deactivated';
  const fields = changedFields(before, after);
  if (fields.length === 0) return null;
  if (before.status === 'active' && after.status !== 'active') return 'deactivated';
  return fields.includes('departmentIds') ? 'moved' : 'updated';
}

/** The op of a department change, or null when nothing changed. */
export function departmentChangeOp(
  before: DirectoryDepartment | null,
  after: DirectoryDepartment,
): ChangeOp | null {
  const visibleAfter = after.status !== 'out_of_scope';
  if (before === null || before.status === 'out_of_scope') {
    if (!visibleAfter) return null;
    return after.status === 'deleted' ? 'deleted' : 'created';
  }
  if (after.status === 'deleted') return before.status === 'deleted' ? null : 'deleted';
  if (!visibleAfter) return 'deactivated';
  const fields = changedFields(before, after);
  if (fields.length === 0) return null;
  if (before.status === 'deleted') return 'created';
  return fields.includes('parentId') ? 'moved' : 'updated';
}
