/** An IdP's organisation scope: everything, or selected departments (with their subtrees) and user groups. */
export type OrgScope = { mode: 'all' } | { mode: 'partial'; departmentIds: string[]; groupIds: string[] };

/** The whole organisation. */
export const ALL_SCOPE: OrgScope = { mode: 'all' };

/** A department is in scope when it or one of its ancestors is selected. */
export function isDepartmentInScope(
  department: { openDepartmentId: string; path: readonly string[] },
  scope: OrgScope,
): boolean {
  if (scope.mode === 'all') return true;
  const selected = scope.departmentIds;
  return (
    selected.includes(department.openDepartmentId) || department.path.some((id) => selected.includes(id))
  );
}

/** Stored paths by department id; a department missing from it counts as having no known ancestors. */
export type DepartmentPaths = Pick<ReadonlyMap<string, readonly string[]>, 'get'>;

/**
 * A user is in scope when one of their departments is in scope, or when they are a member of a selected user group
 * (`groupMemberIds`: open ids of the members of the scope's groups).
 * A department not known yet is in scope only if selected itself; it is re-evaluated when it arrives.
 */
export function isUserInScope(
  user: { openId: string; departmentIds: readonly string[] },
  departmentPaths: DepartmentPaths,
  groupMemberIds: ReadonlySet<string>,
  scope: OrgScope,
): boolean {
  if (scope.mode === 'all') return true;
  if (groupMemberIds.has(user.openId)) return true;
  return user.departmentIds.some((id) =>
    isDepartmentInScope({ openDepartmentId: id, path: departmentPaths.get(id) ?? [] }, scope),
  );
}
