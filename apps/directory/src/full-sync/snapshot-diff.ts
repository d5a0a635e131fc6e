import type { DepartmentStatus, DirectoryDepartment, DirectoryUser, UserStatus } from '@app/contracts';
import { DepartmentRecord, departmentChangeOp, EntityChange, EntityWrite, UserRecord, userChangeOp } from '@app/directory-domain';

// Pure decisions of the full sync, apart from I/O so they can move to @app/directory-domain unchanged.

/** One entity to write: its new row and what subscribers see. */
export interface SyncItem {
  write: EntityWrite;
  change: EntityChange;
}

/** 'newer' = the stored row came from an event after the snapshot began: the snapshot must not overwrite it. */
export type Plan = SyncItem | 'newer' | 'unchanged';

function isGone(status: UserStatus | DepartmentStatus): boolean {
  return status === 'out_of_scope' || status === 'resigned' || status === 'deleted';
}

function departmentItem(before: DirectoryDepartment | null, after: DirectoryDepartment, takenAt: number): Plan {
  const op = departmentChangeOp(before, after);
  if (op === null) return 'unchanged';
  return {
    write: { entity: 'department', record: { department: after, sourceVersion: takenAt, sourceEventId: null } },
    change: { entity: 'department', entityId: after.openDepartmentId, op, before, after },
  };
}

function userItem(before: DirectoryUser | null, after: DirectoryUser, larkStatus: UserStatus, takenAt: number): Plan {
  const op = userChangeOp(before, after);
  if (op === null) return 'unchanged';
  return {
    write: { entity: 'user', record: { user: after, larkStatus, sourceVersion: takenAt, sourceEventId: null } },
    change: { entity: 'user', entityId: after.openId, op, before, after },
  };
}

/** What writing the snapshot's state of a department would change. */
export function planDepartment(stored: DepartmentRecord | undefined, after: DirectoryDepartment, takenAt: number): Plan {
  if (stored && stored.sourceVersion > takenAt) return 'newer';
  return departmentItem(stored?.department ?? null, after, takenAt);
}

/** What writing the snapshot's state of a user (listed, so in scope: its status is Lark's) would change. */
export function planUser(stored: UserRecord | undefined, after: DirectoryUser, takenAt: number): Plan {
  if (stored && stored.sourceVersion > takenAt) return 'newer';
  return userItem(stored?.user ?? null, after, after.status, takenAt);
}

/** A department the complete snapshot no longer lists: deleted (whole org) or out of scope (partial scope). */
export function planDepartmentRemoval(stored: DepartmentRecord, status: DepartmentStatus, takenAt: number): Plan {
  if (stored.sourceVersion > takenAt) return 'newer';
  if (isGone(stored.department.status)) return 'unchanged';
  return departmentItem(stored.department, { ...stored.department, status }, takenAt);
}

/** A user the complete snapshot no longer lists: resigned (whole org: Lark hides resigned users) or out of scope. */
export function planUserRemoval(stored: UserRecord, status: 'resigned' | 'out_of_scope', takenAt: number): Plan {
  if (stored.sourceVersion > takenAt) return 'newer';
  if (isGone(stored.user.status)) return 'unchanged';
  const larkStatus = status === 'resigned' ? 'resigned' : stored.larkStatus;
  return userItem(stored.user, { ...stored.user, status }, larkStatus, takenAt);
}

export interface SnapshotDiffInput {
  takenAt: number;
  scopeMode: 'all' | 'partial';
  departments: DirectoryDepartment[];
  /** null: users were not read, so none is created, changed or removed. */
  users: DirectoryUser[] | null;
  storedDepartments: DepartmentRecord[];
  storedUsers: UserRecord[];
}

export interface SnapshotDiff {
  /** Creates, updates and moves (and status changes Lark reported), departments first. */
  upserts: SyncItem[];
  /** Entities missing from the complete snapshot; applied only when the deletion guard allows. */
  removals: SyncItem[];
  unchanged: number;
  /** Entities left alone because an event wrote newer state during the run. */
  newer: number;
}

/** Compares a complete snapshot with the stored directory. */
export function diffSnapshot(input: SnapshotDiffInput): SnapshotDiff {
  const diff: SnapshotDiff = { upserts: [], removals: [], unchanged: 0, newer: 0 };
  const collect = (plan: Plan, into: SyncItem[]) => {
    if (plan === 'newer') diff.newer++;
    else if (plan === 'unchanged') diff.unchanged++;
    else into.push(plan);
  };
  const storedDepartments = new Map(input.storedDepartments.map((row) => [row.department.openDepartmentId, row]));
  for (const department of input.departments) collect(planDepartment(storedDepartments.get(department.openDepartmentId), department, input.takenAt), diff.upserts);
  const listedDepartments = new Set(input.departments.map((department) => department.openDepartmentId));
  const departmentGone: DepartmentStatus = input.scopeMode === 'all' ? 'deleted' : 'out_of_scope';
  for (const row of input.storedDepartments) if (!listedDepartments.has(row.department.openDepartmentId)) collect(planDepartmentRemoval(row, departmentGone, input.takenAt), diff.removals);
  if (input.users === null) return diff;
  const storedUsers = new Map(input.storedUsers.map((row) => [row.user.openId, row]));
  for (const user of input.users) collect(planUser(storedUsers.get(user.openId), user, input.takenAt), diff.upserts);
  const listedUsers = new Set(input.users.map((user) => user.openId));
  const userGone = input.scopeMode === 'all' ? 'resigned' : 'out_of_scope';
  for (const row of input.storedUsers) if (!listedUsers.has(row.user.openId)) collect(planUserRemoval(row, userGone, input.takenAt), diff.removals);
  return diff;
}

export type SyncCounts = {
  created: number;
  updated: number;
  moved: number;
  deactivated: number;
  unchanged: number;
};

export function countChanges(items: readonly SyncItem[], unchanged = 0): SyncCounts {
  const counts: SyncCounts = { created: 0, updated: 0, moved: 0, deactivated: 0, unchanged };
  for (const { change } of items) {
    if (change.op === 'deleted' || change.op === 'deactivated') counts.deactivated++;
    else counts[change.op]++;
  }
  return counts;
}

export interface DeletionGuardSettings {
  maxPercent: number;
  maxCount: number;
}

/**
 * Holds a run that would remove more users (or departments) than the smaller of maxPercent % of the active
 * ones and maxCount. Counts only removals by absence: a user Lark reports as resigned is not a guess.
 */
export function isHeldByDeletionGuard(removals: readonly SyncItem[], stored: { activeUsers: number; activeDepartments: number }, guard: DeletionGuardSettings): boolean {
  const limit = (active: number) => Math.min(Math.floor((active * guard.maxPercent) / 100), guard.maxCount);
  const users = removals.filter((item) => item.change.entity === 'user').length;
  const departments = removals.length - users;
  return users > limit(stored.activeUsers) || departments > limit(stored.activeDepartments);
}

/** Scheduled runs follow the IdP's "synchronise user information"; manual and scope-change runs follow the command. */
export function shouldSyncUsers(trigger: 'scheduled' | 'manual' | 'scope-change', commandIncludeUsers: boolean | undefined, idpSyncUserInfo: boolean): boolean {
  return trigger === 'scheduled' ? idpSyncUserInfo : commandIncludeUsers ?? true;
}
