import type { DepartmentRef } from '@app/contracts';

/** What the projection knows of one department, as loaded for a recompute. */
export interface TreeDepartment {
  id: string;
  name: string;
  parentId: string | null;
  leaderOpenId: string | null;
  /** false once the department left the directory (deleted or out of scope). */
  present: boolean;
  sourceAt: number;
  memberChangedAt: number;
}

/** An IdP's org tree, built from parent links (a directory-provided path can lag behind a move). */
export class DepartmentTree {
  private readonly byId = new Map<string, TreeDepartment>();
  private readonly children = new Map<string, string[]>();

  constructor(departments: Iterable<TreeDepartment>) {
    for (const department of departments) this.byId.set(department.id, department);
    for (const department of this.byId.values()) {
      if (!department.present || department.parentId === null) continue;
      this.children.set(department.parentId, [...(this.children.get(department.parentId) ?? []), department.id]);
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

  refsOf(id: string): DepartmentRef[] | null {
    return this.pathOf(id)?.map((department) => ({ id: department.id, name: department.name })) ?? null;
  }

  /** The given departments and every present descendant. */
  subtreeOf(ids: Iterable<string>): Set<string> {
    const result = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (result.has(id)) continue;
      result.add(id);
      stack.push(...(this.children.get(id) ?? []));
    }
    return result;
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
