import { SimDepartment, SimUser } from './org-model';

/** A contact event before it is addressed to an app (header, token and encryption come later). */
export interface ContactEvent {
  eventType: ContactEventType;
  event: Record<string, unknown>;
}

export type ContactEventType =
  | 'contact.user.created_v3'
  | 'contact.user.updated_v3'
  | 'contact.user.deleted_v3'
  | 'contact.department.created_v3'
  | 'contact.department.updated_v3'
  | 'contact.department.deleted_v3'
  | 'contact.scope.updated_v3';

type JsonObject = Record<string, unknown>;

function withoutUndefined(object: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

export function userOrders(user: SimUser, departmentIds: string[]): JsonObject[] {
  return departmentIds.map((departmentId, index) => ({
    department_id: departmentId,
    user_order: 0,
    department_order: departmentIds.length - index,
    is_primary_dept: index === 0,
  }));
}

export function userAvatar(user: SimUser): JsonObject {
  const base = `https://s1-imfile.feishucdn.com/static-resource/v1/${user.unionId}`;
  return {
    avatar_72: `${base}~72x72`,
    avatar_240: `${base}~240x240`,
    avatar_640: `${base}~640x640`,
    avatar_origin: base,
  };
}

export function userStatus(user: SimUser): JsonObject {
  const s = user.status;
  return {
    is_frozen: s.isFrozen,
    is_resigned: s.isResigned,
    is_activated: s.isActivated,
    is_exited: s.isExited,
    is_unjoin: s.isUnjoin,
  };
}

/** user_event: ids inside events are fixed (open ids), per the reference §5.1. */
export function userEventObject(user: SimUser): JsonObject {
  const departmentIds = user.status.isResigned ? user.formerDepartmentOpenIds : user.departmentOpenIds;
  return withoutUndefined({
    open_id: user.openId,
    union_id: user.unionId,
    user_id: user.userId,
    name: user.name,
    en_name: user.enName,
    email: user.email,
    enterprise_email: user.enterpriseEmail,
    job_title: user.jobTitle,
    mobile: user.mobile,
    mobile_visible: true,
    gender: user.gender,
    avatar: userAvatar(user),
    status: userStatus(user),
    department_ids: [...departmentIds],
    leader_user_id: user.leaderOpenId,
    city: user.city,
    country: user.country,
    work_station: user.workStation,
    join_time: user.joinTime,
    is_tenant_manager: user.isTenantManager,
    employee_no: user.employeeNo,
    employee_type: user.employeeType,
    orders: userOrders(user, departmentIds),
    time_zone: user.timeZone,
    custom_attrs: user.customAttrs.map((attr) => ({
      type: attr.type,
      id: attr.id,
      value: { ...attr.value },
    })),
  });
}

/** department_event: `order` is an int here but a string in API responses (reference §5.1). */
export function departmentEventObject(department: SimDepartment, isDeleted = false): JsonObject {
  return withoutUndefined({
    name: department.name,
    parent_department_id: department.parentOpenId,
    department_id: department.departmentId,
    open_department_id: department.openDepartmentId,
    leader_user_id: department.leaderOpenId,
    chat_id: department.chatId,
    order: department.order,
    unit_ids: [],
    status: { is_deleted: isDeleted },
    leaders: department.leaderOpenId ? [{ leaderType: 1, leaderID: department.leaderOpenId }] : [],
  });
}

/** The previous values of the fields that differ; empty when nothing changed. */
export function changedFields(before: JsonObject, after: JsonObject): JsonObject {
  const changed: JsonObject = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changed[key] = before[key] ?? (typeof after[key] === 'string' ? '' : null);
  }
  return changed;
}
