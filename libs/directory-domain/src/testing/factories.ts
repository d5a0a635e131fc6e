import type { ContactEventType, DirectoryDepartment, DirectoryUser } from '@app/contracts';
import type { DepartmentRecord, SourceVersion, UserRecord } from '../directory-records';
import type { ContactEvent } from '../event-reconciliation';

let seq = 0;
const next = (): number => ++seq;

/** A DirectoryUser with sensible defaults; override what the test is about. */
export function aUser(overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  const n = next();
  const departmentIds = overrides.departmentIds ?? ['od-1'];
  return {
    openId: `ou_${n}`,
    unionId: `on_${n}`,
    userId: `u${n}`,
    name: `User ${n}`,
    enName: null,
    email: `user${n}@example.com`,
    enterpriseEmail: null,
    mobile: null,
    employeeNo: `E${n}`,
    employeeType: 1,
    jobTitle: 'Engineer',
    departmentIds,
    primaryDepartmentId: departmentIds[0] ?? null,
    leaderOpenId: null,
    status: 'active',
    customAttrs: {},
    ...overrides,
  };
}

/** A DirectoryDepartment; `path` defaults to `[parentId]` when only a parent is given. */
export function aDepartment(overrides: Partial<DirectoryDepartment> = {}): DirectoryDepartment {
  const n = next();
  const parentId = overrides.parentId ?? null;
  return {
    openDepartmentId: `od-${n}`,
    departmentId: `D${n}`,
    name: `Department ${n}`,
    parentId,
    path: parentId === null ? [] : [parentId],
    leaderOpenId: null,
    order: 0,
    status: 'active',
    ...overrides,
  };
}

/** A raw Lark contact v3 user object (API item / event `object`). */
export function aLarkUser(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = next();
  return {
    open_id: `ou_${n}`,
    union_id: `on_${n}`,
    user_id: `u${n}`,
    name: `User ${n}`,
    email: `user${n}@example.com`,
    status: { is_activated: true, is_frozen: false, is_resigned: false, is_exited: false, is_unjoin: false },
    department_ids: ['od-1'],
    orders: [{ department_id: 'od-1', department_order: 1, user_order: 0, is_primary_dept: true }],
    ...overrides,
  };
}

/** A raw Lark contact v3 department object. */
export function aLarkDepartment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = next();
  return {
    open_department_id: `od-${n}`,
    department_id: `D${n}`,
    name: `Department ${n}`,
    parent_department_id: '0',
    order: 0,
    status: { is_deleted: false },
    ...overrides,
  };
}

let eventSeq = 0;

/** A contact event as the directory consumes it; `object`/`old_object` go into the payload. */
export function aContactEvent(
  eventType: ContactEventType,
  object: Record<string, unknown>,
  options: { createTime?: number; eventId?: string; oldObject?: Record<string, unknown> } = {},
): ContactEvent {
  const n = ++eventSeq;
  const payload: Record<string, unknown> = { object };
  if (options.oldObject) payload.old_object = options.oldObject;
  return {
    eventType,
    eventId: options.eventId ?? `evt_${n}`,
    createTime: options.createTime ?? 1_700_000_000_000 + n,
    payload,
  };
}

/** A user row as the directory stores it. */
export function aUserRecord(
  overrides: Partial<DirectoryUser> = {},
  version: Partial<SourceVersion> = {},
): UserRecord {
  const user = aUser(overrides);
  return {
    user,
    larkStatus: user.status === 'out_of_scope' ? 'active' : user.status,
    sourceVersion: 1000,
    sourceEventId: 'evt_old',
    ...version,
  };
}

/** A department row as the directory stores it. */
export function aDepartmentRecord(
  overrides: Partial<DirectoryDepartment> = {},
  version: Partial<SourceVersion> = {},
): DepartmentRecord {
  return { department: aDepartment(overrides), sourceVersion: 1000, sourceEventId: 'evt_old', ...version };
}

/** id → row index of department rows, as ReconcileContext.departments expects. */
export function departmentRows(...rows: DepartmentRecord[]): Map<string, DepartmentRecord> {
  return new Map(rows.map((r) => [r.department.openDepartmentId, r]));
}
