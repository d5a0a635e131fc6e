import type { DirectoryDepartment, DirectoryUser, UserStatus } from '@app/contracts';
import type { LarkCustomAttr, LarkUserOrder, LarkUserStatus } from '@app/lark';

/** A Lark payload that cannot be mapped (dead-letter it; retrying will not help). */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
  constructor(
    message: string,
    /** The payload field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A department without its ancestor path (the org tree computes it). */
export type ParsedDepartment = Omit<DirectoryDepartment, 'path'>;

type Obj = Record<string, unknown>;

function asObject(raw: unknown, what: string): Obj {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidPayloadError(`${what} must be a JSON object`);
  }
  return raw as Obj;
}

function str(o: Obj, key: string): string | null {
  const v = o[key];
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function num(o: Obj, key: string): number | null {
  const v = o[key];
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

function strings(o: Obj, key: string): string[] {
  const v = o[key];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
}

function requireId(o: Obj, key: string, what: string): string {
  const id = str(o, key);
  if (id === null) throw new InvalidPayloadError(`${what} has no ${key}`, key);
  return id;
}

/**
 * Lark's flags to one status. Active only if activated and none of frozen/resigned/exited/unjoin.
 * A missing `status` object (the app lacks `contact:user.employee:readonly`) maps to active:
 * the user is listed by Lark, and a missing permission must not disable a whole tenant.
 */
export function mapLarkUserStatus(status: LarkUserStatus | null | undefined): UserStatus {
  if (!status) return 'active';
  if (status.is_resigned || status.is_exited) return 'resigned';
  if (status.is_frozen) return 'frozen';
  if (!status.is_activated || status.is_unjoin) return 'inactive';
  return 'active';
}

/** The `orders[]` entry marked primary, else the largest department_order, else the first department id. */
export function pickPrimaryDepartment(
  departmentIds: readonly string[],
  orders: readonly LarkUserOrder[],
): string | null {
  const withId = orders.filter((o) => typeof o.department_id === 'string' && o.department_id !== '');
  const flagged = withId.find((o) => o.is_primary_dept === true);
  if (flagged) return flagged.department_id as string;
  let best: LarkUserOrder | undefined;
  for (const o of withId) {
    if (typeof o.department_order !== 'number') continue;
    if (!best || o.department_order > (best.department_order as number)) best = o;
  }
  return best?.department_id ?? departmentIds[0] ?? null;
}

function customAttrValue(attr: LarkCustomAttr): string | null {
  const v = attr.value ?? {};
  switch (attr.type ?? '') {
    case 'TEXT':
      return v.text ?? null;
    case 'HREF':
      return v.url ?? v.pc_url ?? v.text ?? null;
    case 'ENUMERATION':
    case 'PICTURE_ENUM':
      // the option id is stable across renames of the option's label
      return v.option_id ?? v.option_value ?? v.name ?? null;
    case 'GENERIC_USER':
      return v.generic_user?.id ?? null;
    default:
      return v.text ?? v.option_id ?? v.url ?? null;
  }
}

/** custom_attrs[] → { attrId: value }; attributes without an id or a value are dropped. */
export function flattenCustomAttrs(attrs: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(attrs)) return out;
  for (const raw of attrs) {
    if (typeof raw !== 'object' || raw === null) continue;
    const attr = raw as LarkCustomAttr;
    const value = typeof attr.id === 'string' ? customAttrValue(attr) : null;
    if (value !== null) out[attr.id as string] = value;
  }
  return out;
}

function statusOf(o: Obj): LarkUserStatus | null {
  const s = o.status;
  return typeof s === 'object' && s !== null ? (s as LarkUserStatus) : null;
}

/** Parses a contact v3 user (API item or event `object`) into a DirectoryUser. Throws InvalidPayloadError without open_id. */
export function parseLarkUser(raw: unknown): DirectoryUser {
  const o = asObject(raw, 'Lark user');
  const openId = requireId(o, 'open_id', 'Lark user');
  const departmentIds = strings(o, 'department_ids');
  const orders = Array.isArray(o.orders)
    ? (o.orders as LarkUserOrder[]).filter((x) => typeof x === 'object' && x !== null)
    : [];
  return {
    openId,
    unionId: str(o, 'union_id'),
    userId: str(o, 'user_id'),
    name: str(o, 'name') ?? '',
    enName: str(o, 'en_name'),
    email: str(o, 'email'),
    enterpriseEmail: str(o, 'enterprise_email'),
    mobile: str(o, 'mobile'),
    employeeNo: str(o, 'employee_no'),
    employeeType: num(o, 'employee_type'),
    jobTitle: str(o, 'job_title'),
    departmentIds,
    primaryDepartmentId: pickPrimaryDepartment(departmentIds, orders),
    leaderOpenId: str(o, 'leader_user_id'),
    status: mapLarkUserStatus(statusOf(o)),
    customAttrs: flattenCustomAttrs(o.custom_attrs),
  };
}

/** Parses a contact v3 department (API item or event `object`); `order` may be an int or a string. */
export function parseLarkDepartment(raw: unknown): ParsedDepartment {
  const o = asObject(raw, 'Lark department');
  const openDepartmentId = requireId(o, 'open_department_id', 'Lark department');
  const parent = str(o, 'parent_department_id');
  const status = o.status as { is_deleted?: boolean } | undefined;
  return {
    openDepartmentId,
    departmentId: str(o, 'department_id'),
    name: str(o, 'name') ?? '',
    parentId: parent === null || parent === '0' ? null : parent,
    leaderOpenId: str(o, 'leader_user_id'),
    order: num(o, 'order') ?? 0,
    status: status?.is_deleted === true ? 'deleted' : 'active',
  };
}
