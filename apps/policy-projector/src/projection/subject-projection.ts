import type { DepartmentNode, DirectoryUser, IdpState, SubjectDocument } from '@app/contracts';
import { disabledReason, mapAttributes } from '@app/directory-domain';
import { DepartmentTree } from './department-tree';

export type SubjectContent = Omit<SubjectDocument, 'version' | 'updatedAt'>;
export type DepartmentContent = Omit<DepartmentNode, 'version' | 'updatedAt'>;

/** The projector's copy of an IdP; an IdP it has not heard of yet is enabled with no mapping. */
export interface IdpSnapshot {
  state: IdpState;
  sourceAt: number;
  sourceVersion: number;
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
  /** Time of the newest change the document depends on. */
  watermark: number;
  /** Sum of the versions of what it depends on: grows when an older input arrives late. */
  inputVersions: number;
  ancestorIds: string[];
}

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
  for (const id of [...new Set(user.departmentIds)].sort()) {
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
  return { content, watermark, inputVersions, ancestorIds: [...ancestorIds].sort() };
}

export interface MemberCounts {
  direct: number;
  total: number;
}

/** A department node; null when the department is not in the tree (its key gets a tombstone). */
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
