import type { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import { DepartmentRecord, UserRecord } from '@app/directory-domain';
import { aDepartment, aUser } from '../testing/org-factories';
import { countChanges, diffSnapshot, isHeldByDeletionGuard, shouldSyncUsers, SnapshotDiffInput, SyncItem } from './snapshot-diff';

const TAKEN_AT = 1_000_000;
const storedUser = (user: DirectoryUser, sourceVersion = TAKEN_AT - 1): UserRecord => ({ user, larkStatus: user.status, sourceVersion, sourceEventId: null });
const storedDepartment = (department: DirectoryDepartment, sourceVersion = TAKEN_AT - 1): DepartmentRecord => ({ department, sourceVersion, sourceEventId: null });

function diffOf(overrides: Partial<SnapshotDiffInput>) {
  return diffSnapshot({ takenAt: TAKEN_AT, scopeMode: 'all', departments: [], users: [], storedDepartments: [], storedUsers: [], ...overrides });
}

const ops = (items: SyncItem[]) => items.map(({ change }) => `${change.entity}:${change.op}`);

describe('diffSnapshot', () => {
  const alice = aUser({ openId: 'ou_alice', departmentIds: ['od-a'] });
  const sales = aDepartment({ openDepartmentId: 'od-a', name: 'Sales' });

  it.each<[string, DirectoryUser | undefined, UserRecord | undefined, string[], number]>([
    ['a new user', alice, undefined, ['user:created'], 0],
    ['an identical user', alice, storedUser(alice), [], 1],
    ['a renamed user', { ...alice, name: 'Alice B' }, storedUser(alice), ['user:updated'], 0],
    ['a user in another department', { ...alice, departmentIds: ['od-b'] }, storedUser(alice), ['user:moved'], 0],
    ['a user Lark reports frozen', { ...alice, status: 'frozen' }, storedUser(alice), ['user:deactivated'], 0],
    ['a user back after resigning', alice, storedUser({ ...alice, status: 'resigned' }), ['user:updated'], 0],
    ['a user back in scope', alice, storedUser({ ...alice, status: 'out_of_scope' }), ['user:created'], 0],
  ])('should plan %s', (_case, listed, row, expectedOps, unchanged) => {
    const diff = diffOf({ users: listed ? [listed] : [], storedUsers: row ? [row] : [] });
    expect(ops(diff.upserts)).toEqual(expectedOps);
    expect(diff.unchanged).toBe(unchanged);
    expect(diff.removals).toEqual([]);
  });

  it.each<[string, DirectoryDepartment, DepartmentRecord | undefined, string[]]>([
    ['a new department', sales, undefined, ['department:created']],
    ['a renamed department', { ...sales, name: 'Sales EU' }, storedDepartment(sales), ['department:updated']],
    ['a department under a new parent', { ...sales, parentId: 'od-x', path: ['od-x'] }, storedDepartment(sales), ['department:moved']],
    ['a department back after deletion', sales, storedDepartment({ ...sales, status: 'deleted' }), ['department:created']],
  ])('should plan %s', (_case, listed, row, expectedOps) => {
    expect(ops(diffOf({ departments: [listed], storedDepartments: row ? [row] : [] }).upserts)).toEqual(expectedOps);
  });

  it.each<['all' | 'partial', string, string]>([
    ['all', 'resigned', 'deleted'],
    ['partial', 'out_of_scope', 'out_of_scope'],
  ])('should remove what a complete %s snapshot no longer lists', (scopeMode, userStatus, departmentStatus) => {
    const diff = diffOf({ scopeMode, storedUsers: [storedUser(alice)], storedDepartments: [storedDepartment(sales)] });
    expect(diff.removals.map(({ change }) => change.after.status)).toEqual([departmentStatus, userStatus]);
    expect(diff.removals.every(({ write }) => write.record.sourceVersion === TAKEN_AT)).toBe(true);
  });

  it('should not remove what is already gone', () => {
    const diff = diffOf({ storedUsers: [storedUser({ ...alice, status: 'resigned' })], storedDepartments: [storedDepartment({ ...sales, status: 'deleted' })] });
    expect(diff.removals).toEqual([]);
    expect(diff.unchanged).toBe(2);
  });

  it('should leave alone what an event wrote after the snapshot began', () => {
    const diff = diffOf({
      users: [{ ...alice, name: 'Old name from the snapshot' }],
      storedUsers: [storedUser(alice, TAKEN_AT + 5), storedUser(aUser({ openId: 'ou_new' }), TAKEN_AT + 5)],
    });
    expect(diff).toMatchObject({ upserts: [], removals: [], newer: 2 });
  });

  it('should touch no user when users were not read', () => {
    const diff = diffOf({ users: null, storedUsers: [storedUser(alice)], departments: [sales] });
    expect(ops(diff.upserts)).toEqual(['department:created']);
    expect(diff.removals).toEqual([]);
  });

  it('should count changes by op', () => {
    const diff = diffOf({ users: [alice, { ...aUser(), departmentIds: ['od-b'] }], storedUsers: [storedUser({ ...alice, name: 'x' }), storedUser(aUser())] });
    expect(countChanges([...diff.upserts, ...diff.removals], diff.unchanged)).toEqual({ created: 1, updated: 1, moved: 0, deactivated: 1, unchanged: 0 });
  });
});

describe('isHeldByDeletionGuard', () => {
  const removals = (users: number, departments = 0) =>
    [...Array.from({ length: users }, () => ({ change: { entity: 'user' } })), ...Array.from({ length: departments }, () => ({ change: { entity: 'department' } }))] as SyncItem[];
  const guard = { maxPercent: 10, maxCount: 100 };

  it.each([
    [10, 0, 100, false],
    [11, 0, 100, true],
    [100, 0, 5000, false],
    [101, 0, 5000, true],
    [0, 3, 100, true],
    [0, 0, 0, false],
  ])('should hold %p user and %p department removals out of %p active: %p', (users, departments, active, isHeld) => {
    expect(isHeldByDeletionGuard(removals(users, departments), { activeUsers: active, activeDepartments: 20 }, guard)).toBe(isHeld);
  });
});

describe('shouldSyncUsers', () => {
  it.each([
    ['scheduled', true, false, false],
    ['scheduled', false, true, true],
    ['manual', true, false, true],
    ['scope-change', undefined, false, true],
    ['manual', false, true, false],
  ] as const)('should decide for a %s run (command %p, IdP %p): %p', (trigger, command, idp, expected) => {
    expect(shouldSyncUsers(trigger, command, idp)).toBe(expected);
  });
});
