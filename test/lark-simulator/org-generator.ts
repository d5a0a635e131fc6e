import {
  ROOT_DEPARTMENT_ID,
  SimCustomAttr,
  SimDepartment,
  SimGroup,
  SimOrg,
  SimUser,
  SimUserStatus,
} from './org-model';
import { CITIES, JOB_TITLES, generateDepartmentName, generatePersonName } from './org-names';
import { Prng } from './prng';

export const MAX_DEPARTMENT_DEPTH = 8;
export const MAX_USERS = 100_000;
export const MAX_DEPARTMENTS = 5_000;

export interface OrgGeneratorOptions {
  seed: number;
  users: number;
  /** Defaults to about one department per 20 users. */
  departments?: number;
  groups?: number;
  tenantKey?: string;
  emailDomain?: string;
}

export function defaultDepartmentCount(users: number): number {
  return Math.max(1, Math.min(MAX_DEPARTMENTS, Math.round(users / 20)));
}

/** Builds a realistic org, identical for identical options. */
export function generateOrg(options: OrgGeneratorOptions): SimOrg {
  validateSizes(options);
  const prng = new Prng(options.seed);
  const departments = generateDepartments(prng, options.departments ?? defaultDepartmentCount(options.users));
  const users = generateUsers(prng, departments, options);
  assignLeaders(prng, departments, users);
  const groups = generateGroups(prng, users, options.groups ?? prng.int(3, 8));
  return { tenantKey: options.tenantKey ?? `tenant_${prng.hex(12)}`, departments, users, groups };
}

function validateSizes(options: OrgGeneratorOptions): void {
  if (!Number.isInteger(options.users) || options.users < 1 || options.users > MAX_USERS) {
    throw new Error(`users must be an integer in 1..${MAX_USERS}`);
  }
  const departments = options.departments;
  if (
    departments !== undefined &&
    (!Number.isInteger(departments) || departments < 1 || departments > MAX_DEPARTMENTS)
  ) {
    throw new Error(`departments must be an integer in 1..${MAX_DEPARTMENTS}`);
  }
}

function generateDepartments(prng: Prng, count: number): SimDepartment[] {
  const departments: SimDepartment[] = [];
  const depthById = new Map<string, number>();
  const canHaveChildren: string[] = [];
  const parentTickets: string[] = [];
  const topLevelCount = Math.min(count, prng.int(3, 10));
  const siblingCount = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    // Half uniform (keeps the tree deep), half preferential attachment (a few very wide departments).
    const pool = prng.chance(0.5) ? canHaveChildren : parentTickets;
    const parentOpenId = index < topLevelCount ? ROOT_DEPARTMENT_ID : prng.pick(pool);
    const depth = parentOpenId === ROOT_DEPARTMENT_ID ? 1 : depthById.get(parentOpenId)! + 1;
    const order = (siblingCount.get(parentOpenId) ?? 0) + 1;
    siblingCount.set(parentOpenId, order);
    const department: SimDepartment = {
      openDepartmentId: `od-${prng.hex(32)}`,
      departmentId: `D${(index + 1).toString().padStart(5, '0')}`,
      ...generateDepartmentName(prng, index + 1),
      parentOpenId,
      order: order * 100,
      chatId: `oc_${prng.hex(32)}`,
    };
    departments.push(department);
    depthById.set(department.openDepartmentId, depth);
    if (depth < MAX_DEPARTMENT_DEPTH) {
      canHaveChildren.push(department.openDepartmentId);
      parentTickets.push(department.openDepartmentId);
    }
    if (parentOpenId !== ROOT_DEPARTMENT_ID) parentTickets.push(parentOpenId);
  }
  return departments;
}

/** Cumulative weights so that some departments are crowded and many are small. */
function departmentPicker(prng: Prng, departments: SimDepartment[]): () => string {
  const cumulative = new Float64Array(departments.length);
  let total = 0;
  departments.forEach((_department, index) => {
    total += prng.next() ** 3 + 0.02;
    cumulative[index] = total;
  });
  return () => {
    const target = prng.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return departments[low].openDepartmentId;
  };
}

function generateUsers(prng: Prng, departments: SimDepartment[], options: OrgGeneratorOptions): SimUser[] {
  const pickDepartment = departmentPicker(prng, departments);
  const emailDomain = options.emailDomain ?? 'example.com';
  const users: SimUser[] = [];
  for (let index = 0; index < options.users; index++) {
    users.push(generateUser(prng, index, generateMemberships(prng, pickDepartment), emailDomain));
  }
  return users;
}

function generateMemberships(prng: Prng, pickDepartment: () => string): string[] {
  if (prng.chance(0.005)) return [ROOT_DEPARTMENT_ID];
  const memberships = [pickDepartment()];
  const extra = prng.chance(0.12) ? prng.int(1, 2) : 0;
  for (let i = 0; i < extra; i++) {
    const candidate = pickDepartment();
    if (!memberships.includes(candidate)) memberships.push(candidate);
  }
  return memberships;
}

function generateUser(prng: Prng, index: number, memberships: string[], emailDomain: string): SimUser {
  const person = generatePersonName(prng);
  const status = generateStatus(prng);
  const emailLocal = `${person.emailLocal}${index}`;
  return {
    openId: `ou_${prng.hex(32)}`,
    unionId: `on_${prng.hex(32)}`,
    userId: `${prng.alphanumeric(3)}${index.toString(36).padStart(4, '0')}`,
    name: person.name,
    enName: person.enName,
    email: prng.chance(0.08) ? undefined : `${emailLocal}@${emailDomain}`,
    enterpriseEmail: prng.chance(0.3) ? `${emailLocal}@corp.${emailDomain}` : undefined,
    mobile: prng.chance(0.15)
      ? undefined
      : `+86${prng.int(130, 199)}${prng.int(0, 99_999_999).toString().padStart(8, '0')}`,
    gender: prng.pick([0, 1, 2] as const),
    jobTitle: prng.pick(JOB_TITLES),
    employeeNo: `E${(100_000 + index).toString()}`,
    employeeType: prng.chance(0.85) ? 1 : prng.int(2, 5),
    departmentOpenIds: status.isResigned ? [] : memberships,
    formerDepartmentOpenIds: status.isResigned ? memberships : [],
    city: prng.pick(CITIES),
    country: 'CN',
    workStation: `F${prng.int(1, 30)}-${prng.int(1, 200)}`,
    joinTime: 1_500_000_000 + prng.int(0, 250_000_000),
    isTenantManager: index === 0,
    status,
    customAttrs: generateCustomAttrs(prng),
    timeZone: 'Asia/Shanghai',
  };
}

function generateStatus(prng: Prng): SimUserStatus {
  const roll = prng.next();
  return {
    isResigned: roll < 0.01,
    isFrozen: roll >= 0.01 && roll < 0.03,
    isUnjoin: roll >= 0.03 && roll < 0.04,
    isExited: false,
    isActivated: roll >= 0.04 || roll < 0.01,
  };
}

function generateCustomAttrs(prng: Prng): SimCustomAttr[] {
  const attrs: SimCustomAttr[] = [];
  if (prng.chance(0.6))
    attrs.push({ type: 'TEXT', id: 'C-cost-center', value: { text: `CC-${prng.int(100, 999)}` } });
  if (prng.chance(0.4)) {
    const level = prng.int(1, 8);
    attrs.push({
      type: 'ENUMERATION',
      id: 'C-clearance',
      value: { option_id: `level_${level}`, option_value: `Level ${level}` },
    });
  }
  if (prng.chance(0.1)) {
    const url = `https://wiki.example.com/u/${prng.hex(8)}`;
    attrs.push({ type: 'HREF', id: 'C-profile', value: { text: 'profile', url, pc_url: url } });
  }
  return attrs;
}

function assignLeaders(prng: Prng, departments: SimDepartment[], users: SimUser[]): void {
  const activeMembers = new Map<string, SimUser[]>();
  for (const user of users) {
    if (user.status.isResigned || user.status.isFrozen) continue;
    for (const departmentId of user.departmentOpenIds) {
      const members = activeMembers.get(departmentId) ?? [];
      members.push(user);
      activeMembers.set(departmentId, members);
    }
  }
  const byId = new Map(departments.map((department) => [department.openDepartmentId, department]));
  for (const department of departments) {
    const members = activeMembers.get(department.openDepartmentId);
    if (members && prng.chance(0.9)) department.leaderOpenId = prng.pick(members).openId;
  }
  for (const user of users) {
    const primary = byId.get(user.departmentOpenIds[0]);
    const leader =
      primary?.leaderOpenId === user.openId
        ? byId.get(primary.parentOpenId)?.leaderOpenId
        : primary?.leaderOpenId;
    if (leader && leader !== user.openId) user.leaderOpenId = leader;
  }
}

function generateGroups(prng: Prng, users: SimUser[], count: number): SimGroup[] {
  const groups: SimGroup[] = [];
  for (let index = 0; index < count; index++) {
    const members = new Set<string>();
    const size = Math.min(users.length, prng.int(5, 50));
    while (members.size < size) members.add(prng.pick(users).openId);
    groups.push({
      id: `g${prng.hex(10)}`,
      name: `Group ${index + 1}`,
      description: `Generated user group ${index + 1}`,
      memberOpenIds: [...members],
    });
  }
  return groups;
}
