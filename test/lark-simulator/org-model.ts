/** The simulator's internal org model. Ids are stored in every form Lark exposes; department links use open ids. */

export const ROOT_DEPARTMENT_ID = '0';

export interface SimDepartment {
  openDepartmentId: string;
  departmentId: string;
  name: string;
  enName: string;
  parentOpenId: string;
  leaderOpenId?: string;
  order: number;
  chatId: string;
}

export interface SimUserStatus {
  isFrozen: boolean;
  isResigned: boolean;
  isActivated: boolean;
  isExited: boolean;
  isUnjoin: boolean;
}

export interface SimCustomAttr {
  type: 'TEXT' | 'HREF' | 'ENUMERATION';
  id: string;
  value: { text?: string; url?: string; pc_url?: string; option_id?: string; option_value?: string };
}

export interface SimUser {
  openId: string;
  unionId: string;
  userId: string;
  name: string;
  enName: string;
  email?: string;
  enterpriseEmail?: string;
  mobile?: string;
  gender: 0 | 1 | 2;
  jobTitle: string;
  employeeNo: string;
  employeeType: number;
  /** Current memberships (open department ids, `0` for root); empty once resigned. */
  departmentOpenIds: string[];
  /** Memberships at resignation, kept for the last snapshot Lark reports. */
  formerDepartmentOpenIds: string[];
  leaderOpenId?: string;
  city: string;
  country: string;
  workStation: string;
  joinTime: number;
  isTenantManager: boolean;
  status: SimUserStatus;
  customAttrs: SimCustomAttr[];
  timeZone: string;
}

export interface SimGroup {
  id: string;
  name: string;
  description: string;
  memberOpenIds: string[];
}

export interface SimOrg {
  tenantKey: string;
  departments: SimDepartment[];
  users: SimUser[];
  groups: SimGroup[];
}

export function isListedUser(user: SimUser): boolean {
  return !user.status.isResigned;
}
