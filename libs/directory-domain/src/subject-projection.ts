import type {
  DepartmentNode,
  DepartmentRef,
  DirectoryDepartment,
  DirectoryUser,
  IdpState,
  SubjectDisabledReason,
  SubjectDocument,
} from '@app/contracts';
import { mapAttributes } from './field-mapping';

/** Everything a subject document is built from; time and version are passed in. */
export interface SubjectInput {
  idpId: string;
  user: DirectoryUser;
  departments: ReadonlyMap<string, DirectoryDepartment>;
  idp: Pick<IdpState, 'status' | 'fieldMapping'>;
  version: number;
  updatedAt: string;
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
 * Path of a department as refs from the top down, the department itself last. Unknown ancestors are left out;
 * an unknown department itself appears with an empty name until it arrives.
 */
export function departmentRefs(
  id: string,
  departments: ReadonlyMap<string, DirectoryDepartment>,
): DepartmentRef[] {
  const self = departments.get(id);
  const ancestors = (self?.path ?? []).flatMap((a) => {
    const d = departments.get(a);
    return d ? [{ id: a, name: d.name }] : [];
  });
  return [...ancestors, { id, name: self?.name ?? '' }];
}

/** The `sase.subjects.v1` document of a user. Pure. */
export function buildSubjectDocument(input: SubjectInput): SubjectDocument {
  const { user, idp } = input;
  const reason = disabledReason(user, idp);
  return {
    idpId: input.idpId,
    openId: user.openId,
    unionId: user.unionId,
    userId: user.userId,
    status: reason === null ? 'active' : 'disabled',
    disabledReason: reason,
    email: user.email ?? user.enterpriseEmail,
    name: user.name,
    departments: user.departmentIds.map((id) => ({ id, path: departmentRefs(id, input.departments) })),
    attributes: mapAttributes(user, idp.fieldMapping),
    version: input.version,
    updatedAt: input.updatedAt,
  };
}

/** Direct and recursive member counts of a department. */
export interface MemberCounts {
  direct: number;
  recursive: number;
}

/** Users counted as members: in scope and not resigned. */
export function isCountedMember(user: DirectoryUser): boolean {
  return user.status !== 'resigned' && user.status !== 'out_of_scope';
}

/** Member counts for every department; a user in several departments of one subtree counts once in it. */
export function countMembers(
  departments: ReadonlyMap<string, DirectoryDepartment>,
  users: Iterable<DirectoryUser>,
): Map<string, MemberCounts> {
  const counts = new Map<string, MemberCounts>();
  for (const id of departments.keys()) counts.set(id, { direct: 0, recursive: 0 });
  for (const user of users) {
    if (!isCountedMember(user)) continue;
    const reached = new Set<string>();
    for (const id of user.departmentIds) {
      const own = counts.get(id);
      if (own) own.direct++;
      reached.add(id);
      for (const ancestor of departments.get(id)?.path ?? []) reached.add(ancestor);
    }
    for (const id of reached) {
      const c = counts.get(id);
      if (c) c.recursive++;
    }
  }
  return counts;
}

/** The `sase.departments.v1` node of a department. Pure. */
export function buildDepartmentNode(input: {
  idpId: string;
  department: DirectoryDepartment;
  departments: ReadonlyMap<string, DirectoryDepartment>;
  counts: MemberCounts;
  version: number;
  updatedAt: string;
}): DepartmentNode {
  const { department: d } = input;
  const path = departmentRefs(d.openDepartmentId, input.departments).slice(0, -1);
  return {
    idpId: input.idpId,
    departmentId: d.openDepartmentId,
    name: d.name,
    parentId: d.parentId,
    path,
    leaderOpenId: d.leaderOpenId,
    directMemberCount: input.counts.direct,
    memberCount: input.counts.recursive,
    version: input.version,
    updatedAt: input.updatedAt,
  };
}
