import type { ChangeCause, ChangeOp, IdpState } from '@app/contracts';
import type { DepartmentRecord, EntityChange, EntityWrite, UserRecord } from '@app/directory-domain';

/** A department row as stored: the domain's record plus the version that grows with every published change. */
export type StoredDepartment = DepartmentRecord & { version: number };

/** A user row as stored: the domain's record plus the version that grows with every published change. */
export type StoredUser = UserRecord & { version: number };

/**
 * What `OrgWriter.apply` writes, in the shape the `@app/directory-domain` decisions return:
 * `writes` are rows to upsert (each entity at most once; a write without a change is a silent marker,
 * e.g. an out-of-scope entity's source version); `changes` are what subscribers see (each entity at most
 * once). A change without a write (a user whose department path moved) bumps the row's version only.
 */
export interface OrgChangeSet {
  writes: readonly EntityWrite[];
  changes: readonly EntityChange[];
}

/** A change set with its cause, for `OrgWriter.applyAll`. */
export interface CausedChangeSet extends OrgChangeSet {
  cause: ChangeCause;
}

/** A change of an IdP's configuration that the projector must see (status, field mapping, scope). */
export interface IdpChange {
  op: ChangeOp;
  before: IdpState | null;
  after: IdpState;
  /** The idp row's version after the change. */
  version: number;
}

export function writeKey(write: EntityWrite): string {
  return write.entity === 'user'
    ? `user:${write.record.user.openId}`
    : `department:${write.record.department.openDepartmentId}`;
}

export function changeKey(change: Pick<EntityChange, 'entity' | 'entityId'>): string {
  return `${change.entity}:${change.entityId}`;
}
