import { MAX_DEPARTMENT_DEPTH, defaultDepartmentCount, generateOrg } from './org-generator';
import { ROOT_DEPARTMENT_ID, SimOrg } from './org-model';

function depthOf(org: SimOrg, openDepartmentId: string): number {
  const parents = new Map(org.departments.map((d) => [d.openDepartmentId, d.parentOpenId]));
  let depth = 0;
  for (let id = openDepartmentId; id !== ROOT_DEPARTMENT_ID; id = parents.get(id)!) depth++;
  return depth;
}

describe('generateOrg', () => {
  it('should produce the same org for the same seed', () => {
    expect(generateOrg({ seed: 42, users: 500 })).toEqual(generateOrg({ seed: 42, users: 500 }));
  });

  it('should produce a different org for another seed', () => {
    const first = generateOrg({ seed: 1, users: 50 });
    const second = generateOrg({ seed: 2, users: 50 });
    expect(first.users[0].openId).not.toBe(second.users[0].openId);
  });

  it.each([
    [10, undefined, 1],
    [1_000, undefined, 50],
    [2_000, 300, 300],
    [20_000, 5_000, 5_000],
  ])('should generate %i users and the expected department count', (users, departments, expected) => {
    const org = generateOrg({ seed: 7, users, departments });
    expect(org.users).toHaveLength(users);
    expect(org.departments).toHaveLength(expected);
  });

  it.each([[0], [100_001], [1.5]])('should reject %p users', (users) => {
    expect(() => generateOrg({ seed: 1, users })).toThrow(/users/);
  });

  it('should reject more than 5000 departments', () => {
    expect(() => generateOrg({ seed: 1, users: 10, departments: 5_001 })).toThrow(/departments/);
  });

  it('should derive one department per twenty users by default', () => {
    expect(defaultDepartmentCount(10)).toBe(1);
    expect(defaultDepartmentCount(100_000)).toBe(5_000);
  });

  describe('invariants of a large org', () => {
    const org = generateOrg({ seed: 42, users: 20_000, departments: 2_000 });
    const departmentIds = new Set(org.departments.map((d) => d.openDepartmentId));

    it('should give every id its Lark prefix and keep ids unique', () => {
      expect(org.users.every((u) => u.openId.startsWith('ou_') && u.unionId.startsWith('on_'))).toBe(true);
      expect(
        org.departments.every(
          (d) => d.openDepartmentId.startsWith('od-') && !d.departmentId.startsWith('od-'),
        ),
      ).toBe(true);
      for (const key of ['openId', 'unionId', 'userId', 'employeeNo'] as const) {
        expect(new Set(org.users.map((u) => u[key])).size).toBe(org.users.length);
      }
      expect(departmentIds.size).toBe(org.departments.length);
    });

    it('should build a tree no deeper than eight levels whose parents exist', () => {
      const depths = org.departments.map((d) => depthOf(org, d.openDepartmentId));
      expect(Math.max(...depths)).toBeLessThanOrEqual(MAX_DEPARTMENT_DEPTH);
      expect(Math.max(...depths)).toBeGreaterThanOrEqual(5);
      expect(
        org.departments.every(
          (d) => d.parentOpenId === ROOT_DEPARTMENT_ID || departmentIds.has(d.parentOpenId),
        ),
      ).toBe(true);
    });

    it('should have an uneven fan-out', () => {
      const childCounts = new Map<string, number>();
      for (const d of org.departments)
        childCounts.set(d.parentOpenId, (childCounts.get(d.parentOpenId) ?? 0) + 1);
      const counts = [...childCounts.values()];
      expect(Math.max(...counts)).toBeGreaterThan(10 * Math.min(...counts));
    });

    it('should place listed users only in existing departments, some in several', () => {
      const listed = org.users.filter((u) => !u.status.isResigned);
      expect(listed.every((u) => u.departmentOpenIds.length > 0)).toBe(true);
      expect(
        listed.every((u) =>
          u.departmentOpenIds.every((id) => id === ROOT_DEPARTMENT_ID || departmentIds.has(id)),
        ),
      ).toBe(true);
      expect(listed.some((u) => u.departmentOpenIds.length > 1)).toBe(true);
    });

    it('should include frozen, resigned and email-less users, Chinese names and custom attributes', () => {
      expect(org.users.some((u) => u.status.isFrozen)).toBe(true);
      expect(
        org.users.filter((u) => u.status.isResigned).every((u) => u.departmentOpenIds.length === 0),
      ).toBe(true);
      expect(org.users.some((u) => u.status.isResigned)).toBe(true);
      expect(org.users.some((u) => u.email === undefined)).toBe(true);
      expect(org.users.some((u) => /[\u4e00-\u9fff]/.test(u.name))).toBe(true);
      expect(org.users.some((u) => u.customAttrs.length > 0)).toBe(true);
    });

    it('should choose leaders among active members of the department', () => {
      const byOpenId = new Map(org.users.map((u) => [u.openId, u]));
      const led = org.departments.filter((d) => d.leaderOpenId);
      expect(led.length).toBeGreaterThan(0);
      for (const department of led) {
        const leader = byOpenId.get(department.leaderOpenId!)!;
        expect(leader.departmentOpenIds).toContain(department.openDepartmentId);
        expect(leader.status.isResigned || leader.status.isFrozen).toBe(false);
      }
    });

    it('should create a few user groups whose members exist', () => {
      const userIds = new Set(org.users.map((u) => u.openId));
      expect(org.groups.length).toBeGreaterThanOrEqual(3);
      expect(
        org.groups.every((g) => g.memberOpenIds.length > 0 && g.memberOpenIds.every((id) => userIds.has(id))),
      ).toBe(true);
    });
  });
});
