import { ROOT_DEPARTMENT_ID, SimUser } from './org-model';
import { OrgStore } from './org-store';
import { ContactScope } from './sim-apps';

/** What an app may read: the whole org, or selected departments (with their subtrees) and users. */
export class ScopeView {
  private readonly departments: Set<string>;
  private readonly users: Set<string>;

  constructor(
    private readonly store: OrgStore,
    readonly scope: ContactScope,
  ) {
    this.departments = new Set(scope.kind === 'partial' ? scope.departmentOpenIds : []);
    this.users = new Set(scope.kind === 'partial' ? scope.userOpenIds : []);
  }

  get isAllMembers(): boolean {
    return this.scope.kind === 'all';
  }

  /** Root `0` is readable only with the all-members scope. */
  includesDepartment(openDepartmentId: string): boolean {
    if (this.isAllMembers)
      return (
        openDepartmentId === ROOT_DEPARTMENT_ID || this.store.getDepartment(openDepartmentId) !== undefined
      );
    if (this.departments.has(openDepartmentId)) return true;
    return this.store.ancestorIds(openDepartmentId).some((ancestor) => this.departments.has(ancestor));
  }

  includesUser(user: SimUser): boolean {
    if (this.isAllMembers || this.users.has(user.openId)) return true;
    const memberships = user.status.isResigned ? user.formerDepartmentOpenIds : user.departmentOpenIds;
    return memberships.some((id) => id !== ROOT_DEPARTMENT_ID && this.includesDepartment(id));
  }

  /** The departments and users as the admin ticked them; with all members, the first level and root users. */
  declaredEntries(): { departmentOpenIds: string[]; userOpenIds: string[]; groupIds: string[] } {
    if (this.scope.kind === 'partial') {
      return {
        departmentOpenIds: [...this.departments],
        userOpenIds: [...this.users],
        groupIds: [...(this.scope.groupIds ?? [])],
      };
    }
    return {
      departmentOpenIds: [...this.store.childIds(ROOT_DEPARTMENT_ID)],
      userOpenIds: this.store.directMembers(ROOT_DEPARTMENT_ID).map((user) => user.openId),
      groupIds: [],
    };
  }
}
