import type {
  DepartmentNode,
  DirectoryUser,
  IdpState,
  SubjectDisabledReason,
  SubjectDocument,
} from '@app/contracts';
import { mapAttributes } from './field-mapping';
import { DepartmentTree } from './subject-projection-tree';

/** A document before its version is stamped (see stampVersion). */
export type SubjectContent = Omit<SubjectDocument, 'version' | 'updatedAt'>;
export type DepartmentContent = Omit<DepartmentNode, 'version' | 'updatedAt'>;

/** The projector's copy of an IdP, with the time and version of the change it last applied. */
export interface IdpSnapshot {
  state: IdpState;
  sourceAt: number;
  sourceVersion: number;
}

/** An IdP the projector has not heard of yet: enabled, with no mapping. */
export function unknownIdp(idpId: string): IdpSnapshot {
  return { state: { idpId, status: 'enabled', fieldMapping: {} }, sourceAt: 0, sourceVersion: 0 };
}

/** Why a subject is disabled, or null when it is active: a closed IdP wins over the user's own status. */
export function disabledReason(
  user: DirectoryUser,
  idp: Pick<IdpState, 'status'>,
): SubjectDisabledReason | null {
  if (idp.status === 'closed') return 'idp_closed';
  return user.status === 'active' ? null : user.status;
}

/**
 * The member rule, behind `directMemberCount` and `memberCount` of `sase.departments.v1`: a user counts
 * as a member only while its subject is active, that is the user is active in Lark (not resigned, frozen,
 * inactive or out of scope) and its IdP is not closed. An active subject counts once in
 * `directMemberCount` of each of its own departments (BuiltSubject.departmentIds) and once in
 * `memberCount` of each department on their paths, themselves included (BuiltSubject.ancestorIds), however
 * many of its departments share that ancestor. The repository sums these per department.
 */
export function isCountedMember(user: DirectoryUser, idp: Pick<IdpState, 'status'>): boolean {
  return disabledReason(user, idp) === null;
}

/**
 * Whether a user change can move member counts under an unchanged IdP (an IdP change re-counts every
 * department): the user started or stopped counting, or joined or left a department.
 */
export function isMembershipChange(before: DirectoryUser | null, after: DirectoryUser | null): boolean {
  const counted = (user: DirectoryUser | null) =>
    user !== null && isCountedMember(user, { status: 'enabled' });
  const ids = (user: DirectoryUser | null) => [...new Set(user?.departmentIds ?? [])].sort().join('\n');
  return counted(before) !== counted(after) || ids(before) !== ids(after);
}

export interface SubjectInputs {
  idpId: string;
  user: DirectoryUser;
  userSourceAt: number;
  userSourceVersion: number;
  idp: IdpSnapshot;
  tree: DepartmentTree;
}

export interface BuiltSubject {
  content: SubjectContent;
  /** Counted as a member (isCountedMember). */
  counted: boolean;
  /** The user's departments, each once, those not in the tree included (they may arrive later). */
  departmentIds: string[];
  /** Every department on the paths of the user's departments that are in the tree, themselves included. */
  ancestorIds: string[];
  /** Time of the newest change the document depends on. */
  watermark: number;
  /** Sum of the versions of what it depends on: grows when an older input arrives late. */
  inputVersions: number;
}

/**
 * The `sase.subjects.v1` document of a user, without its version. Each department comes with its path
 * from the top down, itself last, as the tree's parent links give it; a department not in the tree is left
 * out until it arrives.
 */
export function buildSubject({
  idpId,
  user,
  userSourceAt,
  userSourceVersion,
  idp,
  tree,
}: SubjectInputs): BuiltSubject {
  let watermark = Math.max(userSourceAt, idp.sourceAt);
  const inputs = new Map<string, number>();
  const ancestorIds = new Set<string>();
  const departments: SubjectContent['departments'] = [];
  const departmentIds = [...new Set(user.departmentIds)];
  for (const id of [...departmentIds].sort()) {
    const path = tree.pathOf(id);
    const known = tree.get(id);
    if (known) watermark = Math.max(watermark, known.sourceAt);
    if (known) inputs.set(id, known.sourceVersion);
    if (!path) continue;
    for (const step of path) {
      watermark = Math.max(watermark, step.sourceAt);
      inputs.set(step.id, step.sourceVersion);
      ancestorIds.add(step.id);
    }
    departments.push({ id, path: path.map((step) => ({ id: step.id, name: step.name })) });
  }
  const reason = disabledReason(user, idp.state);
  const content: SubjectContent = {
    idpId,
    openId: user.openId,
    unionId: user.unionId,
    userId: user.userId,
    status: reason ? 'disabled' : 'active',
    disabledReason: reason,
    email: user.email ?? user.enterpriseEmail,
    name: user.name,
    departments,
    attributes: mapAttributes(user, idp.state.fieldMapping),
  };
  const inputVersions =
    userSourceVersion + idp.sourceVersion + [...inputs.values()].reduce((a, b) => a + b, 0);
  return {
    content,
    counted: isCountedMember(user, idp.state),
    departmentIds,
    ancestorIds: [...ancestorIds].sort(),
    watermark,
    inputVersions,
  };
}

/** Member counts of a department under the member rule (isCountedMember). */
export interface MemberCounts {
  direct: number;
  total: number;
}

/**
 * The `sase.departments.v1` node of a department, without its version: its path from the top down, itself
 * last. Null when the department is not in the tree (its key gets a tombstone).
 */
export function buildDepartment(
  idp: IdpSnapshot & { idpId: string },
  id: string,
  tree: DepartmentTree,
  counts: MemberCounts,
): { content: DepartmentContent; watermark: number; inputVersions: number } | null {
  const path = tree.pathOf(id);
  if (!path) return null;
  const self = path[path.length - 1];
  const idpId = idp.idpId;
  // The IdP is an input: closing it changes every member count (only active subjects count).
  const activity = tree.subtreeActivity(id);
  const watermark = Math.max(idp.sourceAt, activity.newest, ...path.map((step) => step.sourceAt));
  const content: DepartmentContent = {
    idpId,
    departmentId: id,
    name: self.name,
    parentId: self.parentId,
    path: path.map((step) => ({ id: step.id, name: step.name })),
    leaderOpenId: self.leaderOpenId,
    directMemberCount: counts.direct,
    memberCount: counts.total,
  };
  const pathVersions = path.slice(0, -1).reduce((sum, step) => sum + step.sourceVersion, 0);
  return { content, watermark, inputVersions: idp.sourceVersion + activity.versions + pathVersions };
}

/** The subject's SCIM userName: its email when there is one, else Lark's user_id, else the open_id. */
export function subjectUserName(subject: Pick<SubjectDocument, 'email' | 'userId' | 'openId'>): string {
  return subject.email ?? subject.userId ?? subject.openId;
}
