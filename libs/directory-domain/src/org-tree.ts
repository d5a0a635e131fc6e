/** The parent link of a department; enough to compute paths and subtrees. */
export interface DepartmentLink {
  openDepartmentId: string;
  parentId: string | null;
}

/** Index of departments by id, for repeated lookups. */
export type DepartmentIndex<T extends DepartmentLink> = ReadonlyMap<string, T>;

/** Builds an id → department index. */
export function indexDepartments<T extends DepartmentLink>(departments: Iterable<T>): Map<string, T> {
  const index = new Map<string, T>();
  for (const d of departments) index.set(d.openDepartmentId, d);
  return index;
}

/**
 * Ancestors of `id` from the top down, excluding itself, made only of known departments.
 * The walk stops at a top-level department, an unknown parent or a repeat (a cycle), so it never loops.
 */
export function ancestorPath(id: string, index: DepartmentIndex<DepartmentLink>): string[] {
  const up: string[] = [];
  const seen = new Set([id]);
  let parent = index.get(id)?.parentId ?? null;
  while (parent !== null && index.has(parent) && !seen.has(parent)) {
    up.push(parent);
    seen.add(parent);
    parent = index.get(parent)?.parentId ?? null;
  }
  return up.reverse();
}

/** `path` of every department (see ancestorPath), memoising the paths of acyclic chains. */
export function computePaths(departments: Iterable<DepartmentLink>): Map<string, string[]> {
  const index = indexDepartments(departments);
  const clean = new Map<string, string[]>();
  const out = new Map<string, string[]>();
  for (const id of index.keys()) out.set(id, pathWithMemo(id, index, clean));
  return out;
}

function pathWithMemo(
  id: string,
  index: DepartmentIndex<DepartmentLink>,
  clean: Map<string, string[]>,
): string[] {
  const up: string[] = [];
  const seen = new Set([id]);
  let parent = index.get(id)?.parentId ?? null;
  let prefix: string[] = [];
  while (parent !== null && index.has(parent) && !seen.has(parent)) {
    const memo = clean.get(parent);
    if (memo) {
      // a memoised path ended cleanly, so it cannot contain anything seen on this walk
      prefix = memo.concat(parent);
      break;
    }
    up.push(parent);
    seen.add(parent);
    parent = index.get(parent)?.parentId ?? null;
  }
  const chain = up.reverse();
  const path = prefix.concat(chain);
  const endedInCycle = prefix.length === 0 && parent !== null && seen.has(parent);
  if (endedInCycle) return path;
  clean.set(id, path);
  // every ancestor on this clean walk now has a known path too
  chain.forEach((ancestor, i) => clean.set(ancestor, prefix.concat(chain.slice(0, i))));
  return path;
}

/** Parent id → child ids. */
export function childIndex(departments: Iterable<DepartmentLink>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const d of departments) {
    if (d.parentId === null) continue;
    const list = children.get(d.parentId);
    if (list) list.push(d.openDepartmentId);
    else children.set(d.parentId, [d.openDepartmentId]);
  }
  return children;
}

/** Ids of the departments below `rootId` by parent links (not including it), breadth first; cycle-safe. */
export function descendantIds(rootId: string, children: ReadonlyMap<string, readonly string[]>): string[] {
  const seen = new Set([rootId]);
  const out: string[] = [];
  const queue = [rootId];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * After `rootId` was moved (its parentId already updated in `departments`), recomputes the paths of it and its
 * subtree and returns only the departments whose path changed, with the new path.
 */
export function repathSubtree<T extends DepartmentLink & { path: string[] }>(
  departments: Iterable<T>,
  rootId: string,
): T[] {
  const index = indexDepartments(departments);
  if (!index.has(rootId)) return [];
  const ids = [rootId, ...descendantIds(rootId, childIndex(index.values()))];
  const changed: T[] = [];
  for (const id of ids) {
    const d = index.get(id) as T;
    const path = ancestorPath(id, index);
    if (!samePath(path, d.path)) changed.push({ ...d, path });
  }
  return changed;
}

/** Users that are members of any of `departmentIds`. */
export function usersInDepartments<U extends { departmentIds: readonly string[] }>(
  users: Iterable<U>,
  departmentIds: Iterable<string>,
): U[] {
  const wanted = new Set(departmentIds);
  const out: U[] = [];
  for (const u of users) if (u.departmentIds.some((id) => wanted.has(id))) out.push(u);
  return out;
}
