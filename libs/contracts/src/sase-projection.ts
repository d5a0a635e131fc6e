export type SubjectDisabledReason = 'resigned' | 'frozen' | 'inactive' | 'out_of_scope' | 'idp_closed';

export interface DepartmentRef {
  id: string;
  name: string;
}

/** Value of `sase.subjects.v1` (compacted, keyed by idpId + openId); a tombstone when the subject leaves. */
export interface SubjectDocument {
  idpId: string;
  openId: string;
  unionId: string | null;
  userId: string | null;
  status: 'active' | 'disabled';
  disabledReason: SubjectDisabledReason | null;
  email: string | null;
  name: string;
  /** Each department with its full path from the top down, the department itself last. */
  departments: { id: string; path: DepartmentRef[] }[];
  attributes: Record<string, string>;
  version: number;
  updatedAt: string;
}

/** Value of `sase.departments.v1` (compacted, keyed by idpId + departmentId). */
export interface DepartmentNode {
  idpId: string;
  departmentId: string;
  name: string;
  parentId: string | null;
  path: DepartmentRef[];
  leaderOpenId: string | null;
  directMemberCount: number;
  memberCount: number;
  version: number;
  updatedAt: string;
}
