import type { ChangeOp, DirectoryDepartment, DirectoryUser, IdpState } from '@app/contracts';

/** A department as stored: the contract shape plus the bookkeeping that orders changes. */
export interface StoredDepartment extends DirectoryDepartment {
  /** Lark createTime (ms) of the last event applied, or the snapshot time of the sync run that wrote it. */
  sourceVersion: number;
  /** Grows by one with every change written. */
  version: number;
}

/** A user as stored: the contract shape plus the bookkeeping that orders changes. */
export interface StoredUser extends DirectoryUser {
  sourceVersion: number;
  version: number;
}

/**
 * One change to write with `OrgWriter.apply`. `after` is the full new state (a deleted department or a
 * resigned user stays as a tombstone row, so `after` is never null for them); `before` is the state the
 * decision saw, or null for a new entity. `sourceVersion` is the Lark time (ms) the new state reflects.
 */
export type OrgChange =
  | { entity: 'department'; op: ChangeOp; before: DirectoryDepartment | null; after: DirectoryDepartment; sourceVersion: number }
  | { entity: 'user'; op: ChangeOp; before: DirectoryUser | null; after: DirectoryUser; sourceVersion: number }
  /** IdP configuration changes are only logged and published; the idp row itself is written by the admin API. */
  | { entity: 'idp'; op: ChangeOp; before: IdpState | null; after: IdpState; version: number };

/** Strips the bookkeeping fields, e.g. to build a change's `before` from a stored row. */
export function departmentState({ sourceVersion: _s, version: _v, ...department }: StoredDepartment): DirectoryDepartment {
  return department;
}

export function userState({ sourceVersion: _s, version: _v, ...user }: StoredUser): DirectoryUser {
  return user;
}

export function changeEntityId(change: OrgChange): string {
  if (change.entity === 'department') return change.after.openDepartmentId;
  if (change.entity === 'user') return change.after.openId;
  return change.after.idpId;
}
