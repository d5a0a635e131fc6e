export type DepartmentStatus = 'active' | 'deleted' | 'out_of_scope';

export type UserStatus = 'active' | 'resigned' | 'frozen' | 'inactive' | 'out_of_scope';

/** A department as the directory holds it; ids are Lark's open_department_id. */
export interface DirectoryDepartment {
  openDepartmentId: string;
  departmentId: string | null;
  name: string;
  /** null for a top-level department (Lark's parent "0"). */
  parentId: string | null;
  /** Ancestor ids from the top down, excluding the department itself. */
  path: string[];
  leaderOpenId: string | null;
  order: number;
  status: DepartmentStatus;
}

/** A user as the directory holds it; ids are Lark's open_id / union_id / user_id. */
export interface DirectoryUser {
  openId: string;
  unionId: string | null;
  userId: string | null;
  name: string;
  enName: string | null;
  email: string | null;
  enterpriseEmail: string | null;
  mobile: string | null;
  employeeNo: string | null;
  employeeType: number | null;
  jobTitle: string | null;
  departmentIds: string[];
  primaryDepartmentId: string | null;
  leaderOpenId: string | null;
  status: UserStatus;
  customAttrs: Record<string, string>;
}

export type DirectoryEntityKind = 'department' | 'user' | 'idp';

export type ChangeOp = 'created' | 'updated' | 'moved' | 'deactivated' | 'deleted';

export type ChangeCause =
  /** createTime: the Lark event's createTime (ms since the epoch), when the directory knows it. */
  | { kind: 'event'; eventId: string; createTime?: number }
  | { kind: 'sync'; runId: string }
  | { kind: 'admin' };

export interface IdpState {
  idpId: string;
  status: 'enabled' | 'closed';
  fieldMapping: Record<string, string>;
}

interface ChangeBase<K extends DirectoryEntityKind, T> {
  changeId: string;
  idpId: string;
  entity: K;
  entityId: string;
  op: ChangeOp;
  before: T | null;
  after: T | null;
  cause: ChangeCause;
  /** Grows with every change of the entity. */
  version: number;
  occurredAt: string;
}

/** Value of `directory.changes.v1`, keyed by idpId + entity id. */
export type DirectoryChange =
  | ChangeBase<'department', DirectoryDepartment>
  | ChangeBase<'user', DirectoryUser>
  | ChangeBase<'idp', IdpState>;
