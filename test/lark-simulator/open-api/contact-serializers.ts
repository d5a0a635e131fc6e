import { userAvatar, userOrders, userStatus } from '../contact-event-objects';
import { ROOT_DEPARTMENT_ID, SimDepartment, SimUser } from '../org-model';
import { DepartmentIdType, OrgStore, UserIdType } from '../org-store';

export interface SerializeContext {
  store: OrgStore;
  userIdType: UserIdType;
  departmentIdType: DepartmentIdType;
  hasPermission: (permission: string) => boolean;
}

export function departmentApiObject(
  department: SimDepartment,
  ctx: SerializeContext,
): Record<string, unknown> {
  const leader = department.leaderOpenId
    ? ctx.store.userIdAs(department.leaderOpenId, ctx.userIdType)
    : undefined;
  return {
    name: department.name,
    i18n_name: { zh_cn: department.name, en_us: department.enName, ja_jp: '' },
    parent_department_id: ctx.store.departmentIdAs(department.parentOpenId, ctx.departmentIdType),
    department_id: department.departmentId,
    open_department_id: department.openDepartmentId,
    ...(leader ? { leader_user_id: leader } : {}),
    chat_id: department.chatId,
    order: String(department.order),
    unit_ids: [],
    member_count: ctx.store.memberCount(department.openDepartmentId),
    primary_member_count: ctx.store.memberCount(department.openDepartmentId),
    status: { is_deleted: false },
    leaders: leader ? [{ leaderType: 1, leaderID: leader }] : [],
    group_chat_employee_types: [],
    create_group_chat: false,
  };
}

export function rootDepartmentApiObject(ctx: SerializeContext): Record<string, unknown> {
  return {
    name: 'Tenant',
    i18n_name: { zh_cn: 'Tenant', en_us: 'Tenant', ja_jp: '' },
    parent_department_id: '',
    department_id: ROOT_DEPARTMENT_ID,
    open_department_id: ROOT_DEPARTMENT_ID,
    order: '0',
    member_count: ctx.store.listedUsers().length,
    status: { is_deleted: false },
  };
}

/** Field permissions decide which attributes appear, as on Lark. */
export function userApiObject(user: SimUser, ctx: SerializeContext): Record<string, unknown> {
  const departmentIds = user.departmentOpenIds.map((id) =>
    ctx.store.departmentIdAs(id, ctx.departmentIdType),
  );
  const object: Record<string, unknown> = {
    union_id: user.unionId,
    open_id: user.openId,
    name: user.name,
    en_name: user.enName,
    nickname: '',
    gender: user.gender,
    avatar: userAvatar(user),
    status: userStatus(user),
    department_ids: departmentIds,
    city: user.city,
    country: user.country,
    work_station: user.workStation,
    join_time: user.joinTime,
    is_tenant_manager: user.isTenantManager,
    employee_no: user.employeeNo,
    employee_type: user.employeeType,
    orders: userOrders(user, departmentIds),
    custom_attrs: user.customAttrs.map((attr) => ({
      type: attr.type,
      id: attr.id,
      value: { ...attr.value },
    })),
    job_title: user.jobTitle,
    time_zone: user.timeZone,
    mobile_visible: true,
  };
  if (user.leaderOpenId) object.leader_user_id = ctx.store.userIdAs(user.leaderOpenId, ctx.userIdType);
  if (ctx.hasPermission('contact:user.employee_id:readonly')) object.user_id = user.userId;
  if (ctx.hasPermission('contact:user.email:readonly')) {
    if (user.email) object.email = user.email;
    if (user.enterpriseEmail) object.enterprise_email = user.enterpriseEmail;
  }
  if (ctx.hasPermission('contact:user.phone:readonly') && user.mobile) object.mobile = user.mobile;
  return object;
}
