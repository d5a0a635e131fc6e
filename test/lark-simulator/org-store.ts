import { ROOT_DEPARTMENT_ID, SimDepartment, SimGroup, SimOrg, SimUser, isListedUser } from './org-model';

export type UserIdType = 'open_id' | 'union_id' | 'user_id';
export type DepartmentIdType = 'open_department_id' | 'department_id';

/** In-memory org with the indexes the open API needs. Mutations live in OrgMutations. */
export class OrgStore {
  readonly tenantKey: string;
  readonly groups: SimGroup[];
  private readonly departmentsByOpenId = new Map<string, SimDepartment>();
  private readonly departmentOpenIdByCustomId = new Map<string, string>();
  private readonly childrenByParent = new Map<string, string[]>();
  private readonly usersByOpenId = new Map<string, SimUser>();
  private readonly openIdByUnionId = new Map<string, string>();
  private readonly openIdByUserId = new Map<string, string>();
  private readonly membersByDepartment = new Map<string, Set<string>>();
  private memberCountCache?: Map<string, number>;

  constructor(org: SimOrg) {
    this.tenantKey = org.tenantKey;
    this.groups = org.groups;
    org.departments.forEach((department) => this.addDepartment(department));
    org.users.forEach((user) => this.addUser(user));
  }

  get departmentCount(): number {
    return this.departmentsByOpenId.size;
  }

  get userCount(): number {
    return this.usersByOpenId.size;
  }

  departments(): SimDepartment[] {
    return [...this.departmentsByOpenId.values()];
  }

  users(): SimUser[] {
    return [...this.usersByOpenId.values()];
  }

  listedUsers(): SimUser[] {
    return this.users().filter(isListedUser);
  }

  getDepartment(openDepartmentId: string): SimDepartment | undefined {
    return this.departmentsByOpenId.get(openDepartmentId);
  }

  /** Resolves a department id of the given type to its open id; `0` is the root in every type. */
  resolveDepartmentId(id: string, idType: DepartmentIdType): string | undefined {
    if (id === ROOT_DEPARTMENT_ID) return ROOT_DEPARTMENT_ID;
    const openId = idType === 'department_id' ? this.departmentOpenIdByCustomId.get(id) : id;
    return openId !== undefined && this.departmentsByOpenId.has(openId) ? openId : undefined;
  }

  departmentIdAs(openDepartmentId: string, idType: DepartmentIdType): string {
    if (openDepartmentId === ROOT_DEPARTMENT_ID || idType === 'open_department_id') return openDepartmentId;
    return this.departmentsByOpenId.get(openDepartmentId)?.departmentId ?? openDepartmentId;
  }

  getUser(openId: string): SimUser | undefined {
    return this.usersByOpenId.get(openId);
  }

  resolveUserId(id: string, idType: UserIdType): string | undefined {
    const openId =
      idType === 'union_id'
        ? this.openIdByUnionId.get(id)
        : idType === 'user_id'
          ? this.openIdByUserId.get(id)
          : id;
    return openId !== undefined && this.usersByOpenId.has(openId) ? openId : undefined;
  }

  userIdAs(openId: string, idType: UserIdType): string {
    const user = this.usersByOpenId.get(openId);
    if (!user) return openId;
    return idType === 'union_id' ? user.unionId : idType === 'user_id' ? user.userId : user.openId;
  }

  childIds(parentOpenId: string): string[] {
    return this.childrenByParent.get(parentOpenId) ?? [];
  }

  /** Breadth-first list of every department below the given one. */
  descendantIds(openDepartmentId: string): string[] {
    const result: string[] = [];
    const queue = [openDepartmentId];
    for (let head = 0; head < queue.length; head++) {
      for (const child of this.childIds(queue[head])) {
        result.push(child);
        queue.push(child);
      }
    }
    return result;
  }

  /** Ancestors from the parent up to (not including) the root. */
  ancestorIds(openDepartmentId: string): string[] {
    const ancestors: string[] = [];
    let current = this.departmentsByOpenId.get(openDepartmentId)?.parentOpenId;
    while (current !== undefined && current !== ROOT_DEPARTMENT_ID) {
      ancestors.push(current);
      current = this.departmentsByOpenId.get(current)?.parentOpenId;
    }
    return ancestors;
  }

  directMembers(openDepartmentId: string): SimUser[] {
    return [...(this.membersByDepartment.get(openDepartmentId) ?? [])].map((openId) =>
      this.usersByOpenId.get(openId)!,
    );
  }

  /** Listed users in the department and all its descendants, each counted once. */
  memberCount(openDepartmentId: string): number {
    this.memberCountCache ??= this.computeMemberCounts();
    return this.memberCountCache.get(openDepartmentId) ?? 0;
  }

  // ---- index maintenance, used by OrgMutations ----

  addDepartment(department: SimDepartment): void {
    this.departmentsByOpenId.set(department.openDepartmentId, department);
    this.departmentOpenIdByCustomId.set(department.departmentId, department.openDepartmentId);
    this.linkChild(department.parentOpenId, department.openDepartmentId);
    this.memberCountCache = undefined;
  }

  removeDepartment(department: SimDepartment): void {
    this.unlinkChild(department.parentOpenId, department.openDepartmentId);
    this.departmentsByOpenId.delete(department.openDepartmentId);
    this.departmentOpenIdByCustomId.delete(department.departmentId);
    this.memberCountCache = undefined;
  }

  reparentDepartment(department: SimDepartment, newParentOpenId: string): void {
    this.unlinkChild(department.parentOpenId, department.openDepartmentId);
    department.parentOpenId = newParentOpenId;
    this.linkChild(newParentOpenId, department.openDepartmentId);
    this.memberCountCache = undefined;
  }

  addUser(user: SimUser): void {
    this.usersByOpenId.set(user.openId, user);
    this.openIdByUnionId.set(user.unionId, user.openId);
    this.openIdByUserId.set(user.userId, user.openId);
    this.setMemberships(user, user.departmentOpenIds);
  }

  setMemberships(user: SimUser, departmentOpenIds: string[]): void {
    for (const departmentId of user.departmentOpenIds)
      this.membersByDepartment.get(departmentId)?.delete(user.openId);
    user.departmentOpenIds = [...departmentOpenIds];
    for (const departmentId of departmentOpenIds) {
      const members = this.membersByDepartment.get(departmentId) ?? new Set<string>();
      members.add(user.openId);
      this.membersByDepartment.set(departmentId, members);
    }
    this.memberCountCache = undefined;
  }

  private linkChild(parentOpenId: string, childOpenId: string): void {
    const children = this.childrenByParent.get(parentOpenId) ?? [];
    children.push(childOpenId);
    this.childrenByParent.set(parentOpenId, children);
  }

  private unlinkChild(parentOpenId: string, childOpenId: string): void {
    const children = this.childrenByParent.get(parentOpenId) ?? [];
    this.childrenByParent.set(
      parentOpenId,
      children.filter((id) => id !== childOpenId),
    );
  }

  private computeMemberCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const user of this.usersByOpenId.values()) {
      const subtrees = new Set<string>();
      for (const departmentId of user.departmentOpenIds) {
        if (departmentId === ROOT_DEPARTMENT_ID) continue;
        subtrees.add(departmentId);
        this.ancestorIds(departmentId).forEach((ancestor) => subtrees.add(ancestor));
      }
      subtrees.forEach((departmentId) => counts.set(departmentId, (counts.get(departmentId) ?? 0) + 1));
    }
    return counts;
  }
}
