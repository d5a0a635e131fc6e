/** What the projection knows of one department, as loaded for a recompute. */
export interface TreeDepartment {
  id: string;
  name: string;
  parentId: string | null;
  leaderOpenId: string | null;
  /** false once the department left the directory (deleted or out of scope). */
  present: boolean;
  sourceAt: number;
  /** The directory's version of its last applied change (0 for a placeholder). */
  sourceVersion: number;
  memberChangedAt: number;
  /** Membership changes that touched it directly (only grows). */
  memberChanges: number;
}

/** An IdP's org tree, built from parent links (a directory-provided path can lag behind a move). */
export class DepartmentTree {
  private readonly byId = new Map<string, TreeDepartment>();
  private readonly children = new Map<string, string[]>();
  /** Children by last known parent, gone ones included: for versioning, a removal is a change of the parent. */
  private readonly everChildren = new Map<string, string[]>();

  constructor(departments: Iterable<TreeDepartment>) {
    for (const department of departments) this.byId.set(department.id, department);
    for (const department of this.byId.values()) {
      if (department.parentId === null) continue;
      this.everChildren.set(department.parentId, [
        ...(this.everChildren.get(department.parentId) ?? []),
        department.id,
      ]);
      if (department.present)
        this.children.set(department.parentId, [
          ...(this.children.get(department.parentId) ?? []),
          department.id,
        ]);
    }
  }

  get(id: string): TreeDepartment | undefined {
    return this.byId.get(id);
  }

  all(): TreeDepartment[] {
    return [...this.byId.values()];
  }

  /** Top-down ancestors and the department itself; null when it is not in the tree. */
  pathOf(id: string): TreeDepartment[] | null {
    const path: TreeDepartment[] = [];
    const seen = new Set<string>();
    let current = this.byId.get(id);
    if (!current?.present) return null;
    while (current?.present && !seen.has(current.id)) {
      seen.add(current.id);
      path.unshift(current);
      current = current.parentId === null ? undefined : this.byId.get(current.parentId);
    }
    return path;
  }

  /** The given departments and every present descendant. */
  subtreeOf(ids: Iterable<string>): Set<string> {
    return this.collect(ids, this.children);
  }

  private collect(ids: Iterable<string>, children: Map<string, string[]>): Set<string> {
    const result = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (result.has(id)) continue;
      result.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return result;
  }

  /** Time of the newest change in a department's subtree: its own, or a member joining or leaving one of them. */
  subtreeActivity(id: string): { newest: number; versions: number } {
    let newest = 0;
    let versions = 0;
    for (const member of this.collect([id], this.everChildren)) {
      const department = this.byId.get(member);
      if (!department) continue;
      newest = Math.max(newest, department.sourceAt, department.memberChangedAt);
      versions += department.sourceVersion + department.memberChanges;
    }
    return { newest, versions };
  }

  /** The department and its ancestors by last known parent, present or not (whose versions it feeds). */
  lineageOf(id: string): string[] {
    const lineage: string[] = [];
    let current = this.byId.get(id);
    while (current && !lineage.includes(current.id)) {
      lineage.push(current.id);
      current = current.parentId === null ? undefined : this.byId.get(current.parentId);
    }
    return lineage;
  }

  /** The given departments and all their present ancestors. */
  withAncestors(ids: Iterable<string>): Set<string> {
    const result = new Set<string>();
    for (const id of ids) {
      result.add(id);
      for (const ancestor of this.pathOf(id) ?? []) result.add(ancestor.id);
    }
    return result;
  }
}
