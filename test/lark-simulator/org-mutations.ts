import { randomBytes } from 'node:crypto';
import { ContactEvent, changedFields, departmentEventObject, userEventObject } from './contact-event-objects';
import { ROOT_DEPARTMENT_ID, SimDepartment, SimUser } from './org-model';
import { OrgStore } from './org-store';

export interface HireUserInput {
  name: string;
  enName?: string;
  departmentOpenIds: string[];
  email?: string;
  mobile?: string;
  jobTitle?: string;
  employeeNo?: string;
  employeeType?: number;
  leaderOpenId?: string;
}

/** Fields a test may change on a user; identity and memberships have their own mutations. */
export type UserChanges = Partial<
  Pick<
    SimUser,
    | 'name'
    | 'enName'
    | 'email'
    | 'enterpriseEmail'
    | 'mobile'
    | 'jobTitle'
    | 'employeeNo'
    | 'employeeType'
    | 'leaderOpenId'
    | 'city'
    | 'customAttrs'
    | 'gender'
  >
>;

export interface CreateDepartmentInput {
  name: string;
  enName?: string;
  parentOpenId?: string;
  departmentId?: string;
  leaderOpenId?: string;
}

export class OrgMutationError extends Error {}

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Each mutation changes the store and returns the contact events Lark would emit for it. */
export class OrgMutations {
  constructor(private readonly store: OrgStore) {}

  hireUser(input: HireUserInput): { user: SimUser; events: ContactEvent[] } {
    input.departmentOpenIds.forEach((id) => this.requireDepartmentOrRoot(id));
    const serial = this.store.userCount;
    const user: SimUser = {
      openId: `ou_${hex(16)}`,
      unionId: `on_${hex(16)}`,
      userId: `h${hex(4)}`,
      name: input.name,
      enName: input.enName ?? input.name,
      email: input.email,
      mobile: input.mobile,
      gender: 0,
      jobTitle: input.jobTitle ?? 'Engineer',
      employeeNo: input.employeeNo ?? `E${900_000 + serial}`,
      employeeType: input.employeeType ?? 1,
      departmentOpenIds: [],
      formerDepartmentOpenIds: [],
      leaderOpenId: input.leaderOpenId,
      city: 'Shanghai',
      country: 'CN',
      workStation: '',
      joinTime: Math.floor(Date.now() / 1000),
      isTenantManager: false,
      status: { isFrozen: false, isResigned: false, isActivated: true, isExited: false, isUnjoin: false },
      customAttrs: [],
      timeZone: 'Asia/Shanghai',
    };
    this.store.addUser(user);
    this.store.setMemberships(user, input.departmentOpenIds);
    return {
      user,
      events: [{ eventType: 'contact.user.created_v3', event: { object: userEventObject(user) } }],
    };
  }

  updateUser(openId: string, changes: UserChanges): ContactEvent[] {
    return this.changeUser(openId, (user) => Object.assign(user, changes));
  }

  freezeUser(openId: string): ContactEvent[] {
    return this.changeUser(openId, (user) => (user.status = { ...user.status, isFrozen: true }));
  }

  unfreezeUser(openId: string): ContactEvent[] {
    return this.changeUser(openId, (user) => (user.status = { ...user.status, isFrozen: false }));
  }

  moveUser(openId: string, departmentOpenIds: string[]): ContactEvent[] {
    if (departmentOpenIds.length === 0) throw new OrgMutationError('a user needs at least one department');
    departmentOpenIds.forEach((id) => this.requireDepartmentOrRoot(id));
    return this.changeUser(openId, (user) => this.store.setMemberships(user, departmentOpenIds));
  }

  /** Offboarding: Lark reports it as deleted_v3; the user stays readable by id with is_resigned. */
  resignUser(openId: string): ContactEvent[] {
    const user = this.requireListedUser(openId);
    const formerDepartments = [...user.departmentOpenIds];
    user.formerDepartmentOpenIds = formerDepartments;
    user.status = { ...user.status, isResigned: true };
    this.store.setMemberships(user, []);
    const deleted: ContactEvent = {
      eventType: 'contact.user.deleted_v3',
      event: {
        object: userEventObject(user),
        old_object: { department_ids: formerDepartments, open_id: user.openId },
      },
    };
    const ledDepartments = this.store.departments().filter((d) => d.leaderOpenId === openId);
    return [
      deleted,
      ...ledDepartments.flatMap((d) =>
        this.changeDepartment(d.openDepartmentId, (dep) => (dep.leaderOpenId = undefined)),
      ),
    ];
  }

  createDepartment(input: CreateDepartmentInput): { department: SimDepartment; events: ContactEvent[] } {
    const parentOpenId = input.parentOpenId ?? ROOT_DEPARTMENT_ID;
    this.requireDepartmentOrRoot(parentOpenId);
    const departmentId = input.departmentId ?? `D${hex(4)}`;
    if (this.store.resolveDepartmentId(departmentId, 'department_id'))
      throw new OrgMutationError('duplicate custom department id');
    const department: SimDepartment = {
      openDepartmentId: `od-${hex(16)}`,
      departmentId,
      name: input.name,
      enName: input.enName ?? input.name,
      parentOpenId,
      leaderOpenId: input.leaderOpenId,
      order: (this.store.childIds(parentOpenId).length + 1) * 100,
      chatId: `oc_${hex(16)}`,
    };
    this.store.addDepartment(department);
    return {
      department,
      events: [
        { eventType: 'contact.department.created_v3', event: { object: departmentEventObject(department) } },
      ],
    };
  }

  renameDepartment(openDepartmentId: string, name: string, enName?: string): ContactEvent[] {
    return this.changeDepartment(openDepartmentId, (department) =>
      Object.assign(department, { name, enName: enName ?? department.enName }),
    );
  }

  setDepartmentLeader(openDepartmentId: string, leaderOpenId: string | undefined): ContactEvent[] {
    return this.changeDepartment(openDepartmentId, (department) => (department.leaderOpenId = leaderOpenId));
  }

  moveDepartment(openDepartmentId: string, newParentOpenId: string): ContactEvent[] {
    this.requireDepartmentOrRoot(newParentOpenId);
    if (
      newParentOpenId === openDepartmentId ||
      this.store.ancestorIds(newParentOpenId).includes(openDepartmentId)
    ) {
      throw new OrgMutationError('a department cannot move under itself');
    }
    return this.changeDepartment(openDepartmentId, (department) =>
      this.store.reparentDepartment(department, newParentOpenId),
    );
  }

  /** Lark refuses to delete a department that still has members or sub-departments. */
  deleteDepartment(openDepartmentId: string): ContactEvent[] {
    const department = this.requireDepartment(openDepartmentId);
    if (
      this.store.childIds(openDepartmentId).length > 0 ||
      this.store.directMembers(openDepartmentId).length > 0
    ) {
      throw new OrgMutationError('department still has members or sub-departments');
    }
    this.store.removeDepartment(department);
    const old_object = { status: { is_deleted: false }, open_department_id: openDepartmentId };
    return [
      {
        eventType: 'contact.department.deleted_v3',
        event: { object: departmentEventObject(department, true), old_object },
      },
    ];
  }

  private changeUser(openId: string, change: (user: SimUser) => void): ContactEvent[] {
    const user = this.requireListedUser(openId);
    const before = userEventObject(user);
    change(user);
    const after = userEventObject(user);
    const oldObject = changedFields(before, after);
    if (Object.keys(oldObject).length === 0) return [];
    return [{ eventType: 'contact.user.updated_v3', event: { object: after, old_object: oldObject } }];
  }

  private changeDepartment(
    openDepartmentId: string,
    change: (department: SimDepartment) => void,
  ): ContactEvent[] {
    const department = this.requireDepartment(openDepartmentId);
    const before = departmentEventObject(department);
    change(department);
    const after = departmentEventObject(department);
    const oldObject = changedFields(before, after);
    if (Object.keys(oldObject).length === 0) return [];
    return [{ eventType: 'contact.department.updated_v3', event: { object: after, old_object: oldObject } }];
  }

  private requireListedUser(openId: string): SimUser {
    const user = this.store.getUser(openId);
    if (!user || user.status.isResigned) throw new OrgMutationError(`no active user ${openId}`);
    return user;
  }

  private requireDepartment(openDepartmentId: string): SimDepartment {
    const department = this.store.getDepartment(openDepartmentId);
    if (!department) throw new OrgMutationError(`no department ${openDepartmentId}`);
    return department;
  }

  private requireDepartmentOrRoot(openDepartmentId: string): void {
    if (openDepartmentId !== ROOT_DEPARTMENT_ID) this.requireDepartment(openDepartmentId);
  }
}
