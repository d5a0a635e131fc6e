import type { StoredDepartment, StoredUser } from './org-change';

/** Column list of a department row, mapped to a StoredDepartment by `toStoredDepartment`. */
export const DEPARTMENT_COLUMNS = `open_department_id, department_id, name, parent_id, path, leader_open_id, "order", status,
  source_version, source_event_id, version`;

export const USER_COLUMNS = `open_id, union_id, user_id, name, en_name, email, enterprise_email, mobile, employee_no, employee_type,
  job_title, department_ids, primary_department_id, leader_open_id, status, lark_status, custom_attrs, source_version,
  source_event_id, version`;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function toStoredDepartment(row: Row): StoredDepartment {
  return {
    department: {
      openDepartmentId: row.open_department_id,
      departmentId: row.department_id,
      name: row.name,
      parentId: row.parent_id,
      path: row.path,
      leaderOpenId: row.leader_open_id,
      order: Number(row.order),
      status: row.status,
    },
    sourceVersion: Number(row.source_version),
    sourceEventId: row.source_event_id,
    version: row.version,
  };
}

export function toStoredUser(row: Row): StoredUser {
  return {
    user: {
      openId: row.open_id,
      unionId: row.union_id,
      userId: row.user_id,
      name: row.name,
      enName: row.en_name,
      email: row.email,
      enterpriseEmail: row.enterprise_email,
      mobile: row.mobile,
      employeeNo: row.employee_no,
      employeeType: row.employee_type,
      jobTitle: row.job_title,
      departmentIds: row.department_ids,
      primaryDepartmentId: row.primary_department_id,
      leaderOpenId: row.leader_open_id,
      status: row.status,
      customAttrs: row.custom_attrs,
    },
    larkStatus: row.lark_status,
    sourceVersion: Number(row.source_version),
    sourceEventId: row.source_event_id,
    version: row.version,
  };
}
