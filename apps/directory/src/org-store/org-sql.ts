import type { StoredDepartment, StoredUser } from './org-change';

/** Column list selecting a department row in the StoredDepartment shape (bigints converted by `toStoredDepartment`). */
export const DEPARTMENT_COLUMNS = `open_department_id AS "openDepartmentId", department_id AS "departmentId", name,
  parent_id AS "parentId", path, leader_open_id AS "leaderOpenId", "order", status,
  source_version AS "sourceVersion", version`;

export const USER_COLUMNS = `open_id AS "openId", union_id AS "unionId", user_id AS "userId", name, en_name AS "enName",
  email, enterprise_email AS "enterpriseEmail", mobile, employee_no AS "employeeNo", employee_type AS "employeeType",
  job_title AS "jobTitle", department_ids AS "departmentIds", primary_department_id AS "primaryDepartmentId",
  leader_open_id AS "leaderOpenId", status, custom_attrs AS "customAttrs", source_version AS "sourceVersion", version`;

type Row = Record<string, unknown>;

export function toStoredDepartment(row: Row): StoredDepartment {
  return { ...(row as unknown as StoredDepartment), order: Number(row.order), sourceVersion: Number(row.sourceVersion) };
}

export function toStoredUser(row: Row): StoredUser {
  return { ...(row as unknown as StoredUser), sourceVersion: Number(row.sourceVersion) };
}

/** Splits items into runs where no key repeats, so each run can be one multi-row upsert. */
export function distinctRuns<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const runs: T[][] = [];
  let current: T[] = [];
  let keys = new Set<string>();
  for (const item of items) {
    const key = keyOf(item);
    if (keys.has(key)) {
      runs.push(current);
      current = [];
      keys = new Set();
    }
    keys.add(key);
    current.push(item);
  }
  if (current.length > 0) runs.push(current);
  return runs;
}
