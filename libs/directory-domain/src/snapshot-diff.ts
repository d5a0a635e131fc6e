import { type DirectoryDepartment, type DirectoryUser, MAX_CREATE_TIME_AHEAD_MS } from '@app/contracts';
import {
  type DepartmentRecord,
  type EntityChange,
  type EntityWrite,
  type UserRecord,
  changedFields,
  departmentChangeOp,
  effectiveUserStatus,
  isSameEntity,
  isSameUser,
  userChangeOp,
} from './directory-records';
import type { ParsedDepartment } from './lark-mapping';
import { computePaths } from './org-tree';
import { type OrgScope, isDepartmentInScope, isUserInScope } from './scope';

/** What a full-sync run fetched from Lark at `takenAt`. */
export interface DirectorySnapshot {
  /** Snapshot time T (ms): when the run started fetching. */
  takenAt: number;
  /** Every page fetched successfully; without it nothing is deactivated. */
  complete: boolean;
  departments: readonly (ParsedDepartment | DirectoryDepartment)[];
  /** Parsed users with Lark's status; ignored when the run does not sync users. */
  users: readonly DirectoryUser[];
  /** Open ids of the members of the scope's selected user groups. */
  groupMemberIds?: ReadonlySet<string>;
}

/** The directory's rows for the IdP before the run. */
export interface CurrentDirectory {
  departments: readonly DepartmentRecord[];
  users: readonly UserRecord[];
}

/** How to read the snapshot. */
export interface SnapshotDiffOptions {
  scope: OrgScope;
  /** A structure-only run leaves users alone (default true). */
  includeUsers?: boolean;
  /** Scope-change runs: entities entering or leaving the scope are not drift. */
  scopeChanged?: boolean;
  /** When the diff is made (default: now): rows versioned beyond it (plus clock skew) are from the future. */
  now?: number;
}

/** The diff of a run; apply `writes` (rows written with sourceVersion T) and log the changes. */
export interface SnapshotDiff {
  creates: EntityChange[];
  updates: EntityChange[];
  moves: EntityChange[];
  deactivations: EntityChange[];
  writes: EntityWrite[];
  /** Users among `deactivations`, for the deletion guard. */
  userDeactivations: number;
  unchanged: number;
  /** Rows left alone because an event newer than T wrote them during the run. */
  skippedNewer: number;
  /** Rows versioned in the future (a forged or mis-stamped event): the snapshot overwrites them. */
  futureVersions: number;
  /** Differences events should already have applied (missed events); 0 on the first load. */
  drift: number;
}

interface DiffState {
  diff: SnapshotDiff;
  takenAt: number;
  newestPlausible: number;
  initialLoad: boolean;
  scopeChanged: boolean;
}

/**
 * Diffs the directory against a snapshot taken at T. Absent from a complete snapshot: a user whose departments are
 * still in scope resigned (Lark lists only current members); one whose departments left the scope is out_of_scope.
 * A department absent while in scope was deleted; otherwise it left the scope.
 */
export function diffSnapshot(
  current: CurrentDirectory,
  snapshot: DirectorySnapshot,
  options: SnapshotDiffOptions,
): SnapshotDiff {
  const state: DiffState = {
    diff: {
      creates: [],
      updates: [],
      moves: [],
      deactivations: [],
      writes: [],
      userDeactivations: 0,
      unchanged: 0,
      skippedNewer: 0,
      futureVersions: 0,
      drift: 0,
    },
    takenAt: snapshot.takenAt,
    newestPlausible: (options.now ?? Date.now()) + MAX_CREATE_TIME_AHEAD_MS,
    initialLoad: current.departments.length === 0 && current.users.length === 0,
    scopeChanged: options.scopeChanged ?? false,
  };
  countFutureVersions(current.departments, state);
  const departments = diffDepartments(current.departments, snapshot, options.scope, state);
  if (options.includeUsers ?? true) {
    countFutureVersions(current.users, state);
    diffUsers(current.users, snapshot, departments, options.scope, state);
  }
  return state.diff;
}

/** Written by an event after T, during the run: it wins over the snapshot. One from the future never does. */
function isNewerThanSnapshot(row: { sourceVersion: number } | undefined, state: DiffState): boolean {
  return row !== undefined && row.sourceVersion > state.takenAt && row.sourceVersion <= state.newestPlausible;
}

/** Its version is rewritten to T even when nothing else changed, or no real event could ever apply to it again. */
function isFromTheFuture(row: { sourceVersion: number }, state: DiffState): boolean {
  return row.sourceVersion > state.newestPlausible;
}

function countFutureVersions(rows: readonly { sourceVersion: number }[], state: DiffState): void {
  state.diff.futureVersions += rows.filter((row) => isFromTheFuture(row, state)).length;
}

function isScopeTransition(before: { status: string } | null, after: { status: string }): boolean {
  return after.status === 'out_of_scope' || before?.status === 'out_of_scope';
}

function record(change: EntityChange, state: DiffState): void {
  const d = state.diff;
  const list = {
    created: d.creates,
    updated: d.updates,
    moved: d.moves,
    deactivated: d.deactivations,
    deleted: d.deactivations,
  }[change.op];
  list.push(change);
  if (change.entity === 'user' && change.op === 'deactivated') d.userDeactivations++;
  const ownFields = change.before
    ? changedFields<object>(change.before, change.after).filter((f) => f !== 'path')
    : ['created'];
  const explained =
    state.initialLoad ||
    ownFields.length === 0 ||
    (state.scopeChanged && isScopeTransition(change.before, change.after));
  if (!explained) d.drift++;
}

/** Snapshot rows where newer rows (written by events after T) win; then rows absent from the snapshot. */
function mergeDepartments(rows: readonly DepartmentRecord[], snapshot: DirectorySnapshot, state: DiffState) {
  const byId = new Map(rows.map((r) => [r.department.openDepartmentId, r]));
  const merged = new Map<
    string,
    { draft: DirectoryDepartment; row: DepartmentRecord | undefined; seen: boolean }
  >();
  for (const d of snapshot.departments) {
    const row = byId.get(d.openDepartmentId);
    const newer = isNewerThanSnapshot(row, state);
    if (newer) state.diff.skippedNewer++;
    merged.set(d.openDepartmentId, {
      draft: newer ? row!.department : { ...d, path: [] },
      row,
      seen: !newer,
    });
  }
  for (const row of rows) {
    if (!merged.has(row.department.openDepartmentId))
      merged.set(row.department.openDepartmentId, { draft: row.department, row, seen: false });
  }
  return merged;
}

function diffDepartments(
  rows: readonly DepartmentRecord[],
  snapshot: DirectorySnapshot,
  scope: OrgScope,
  state: DiffState,
): Map<string, DirectoryDepartment> {
  const merged = mergeDepartments(rows, snapshot, state);
  const paths = computePaths([...merged.values()].map((m) => m.draft));
  const final = new Map<string, DirectoryDepartment>();
  for (const [id, { draft, row, seen }] of merged) {
    const path = paths.get(id) ?? [];
    const absent = !seen && row !== undefined && !isNewerThanSnapshot(row, state);
    const after =
      absent && snapshot.complete
        ? absentDepartment(draft, path, scope)
        : presentDepartment(draft, path, seen, scope);
    final.set(id, after);
    const before = row?.department ?? null;
    if (before && isSameEntity(before, after) && !isFromTheFuture(row!, state)) {
      if (seen) state.diff.unchanged++;
      continue;
    }
    const version = seen || absent ? { sourceVersion: state.takenAt, sourceEventId: null } : row!;
    state.diff.writes.push({ entity: 'department', record: { ...version, department: after } });
    const op = departmentChangeOp(before, after);
    if (op) record({ entity: 'department', entityId: id, op, before, after }, state);
  }
  return final;
}

function presentDepartment(
  draft: DirectoryDepartment,
  path: string[],
  seen: boolean,
  scope: OrgScope,
): DirectoryDepartment {
  const moved = { ...draft, path };
  if (!seen || moved.status === 'deleted') return moved;
  return { ...moved, status: isDepartmentInScope(moved, scope) ? 'active' : 'out_of_scope' };
}

function absentDepartment(draft: DirectoryDepartment, path: string[], scope: OrgScope): DirectoryDepartment {
  if (draft.status !== 'active') return { ...draft, path };
  return {
    ...draft,
    path,
    status: isDepartmentInScope({ ...draft, path }, scope) ? 'deleted' : 'out_of_scope',
  };
}

function diffUsers(
  rows: readonly UserRecord[],
  snapshot: DirectorySnapshot,
  departments: ReadonlyMap<string, DirectoryDepartment>,
  scope: OrgScope,
  state: DiffState,
): void {
  const paths = { get: (id: string) => departments.get(id)?.path };
  const groups = snapshot.groupMemberIds ?? new Set<string>();
  const byId = new Map<string, UserRecord>();
  for (const r of rows) byId.set(r.user.openId, r);
  const seen = new Set<string>();
  for (const user of snapshot.users) {
    const row = byId.get(user.openId);
    seen.add(user.openId);
    if (isNewerThanSnapshot(row, state)) {
      state.diff.skippedNewer++;
      continue;
    }
    const status = effectiveUserStatus(user.status, isUserInScope(user, paths, groups, scope));
    applyUser(row, status === user.status ? user : { ...user, status }, user.status, state);
  }
  if (!snapshot.complete) return;
  for (const row of rows) {
    if (seen.has(row.user.openId) || isNewerThanSnapshot(row, state)) continue;
    const inScope = isUserInScope(row.user, paths, groups, scope);
    const larkStatus = inScope ? 'resigned' : row.larkStatus;
    applyUser(row, { ...row.user, status: effectiveUserStatus(larkStatus, inScope) }, larkStatus, state);
  }
}

function applyUser(
  row: UserRecord | undefined,
  after: DirectoryUser,
  larkStatus: DirectoryUser['status'],
  state: DiffState,
): void {
  const before = row?.user ?? null;
  if (row && row.larkStatus === larkStatus && isSameUser(row.user, after) && !isFromTheFuture(row, state)) {
    state.diff.unchanged++;
    return;
  }
  state.diff.writes.push({
    entity: 'user',
    record: { user: after, larkStatus, sourceVersion: state.takenAt, sourceEventId: null },
  });
  const op = userChangeOp(before, after);
  if (op) record({ entity: 'user', entityId: after.openId, op, before, after }, state);
}
