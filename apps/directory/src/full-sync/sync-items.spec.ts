import type { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import { DepartmentRecord, diffSnapshot, UserRecord } from '@app/directory-domain';
import { aDepartment, aUser } from '../testing/org-factories';
import {
  addCounts,
  countChanges,
  isDeactivation,
  planItems,
  replanItem,
  shouldSyncUsers,
  SyncItem,
} from './sync-items';

const T = 1_000_000;
const userRow = (user: DirectoryUser, sourceVersion = T - 1): UserRecord => ({
  user,
  larkStatus: user.status,
  sourceVersion,
  sourceEventId: null,
});
const departmentRow = (department: DirectoryDepartment, sourceVersion = T - 1): DepartmentRecord => ({
  department,
  sourceVersion,
  sourceEventId: null,
});
const userItem = (user: DirectoryUser): SyncItem => ({
  write: { entity: 'user', record: userRow(user, T) },
  change: null,
});

describe('planItems', () => {
  const sales = aDepartment({ openDepartmentId: 'od-sales' });
  const alice = aUser({ openId: 'ou_alice', departmentIds: ['od-sales'] });
  const bob = aUser({ openId: 'ou_bob', departmentIds: ['od-sales'] });

  it('should pair writes with changes, departments first, and set deactivations apart', () => {
    const diff = diffSnapshot(
      { departments: [departmentRow(sales)], users: [userRow(alice), userRow(bob)] },
      {
        takenAt: T,
        complete: true,
        departments: [{ ...sales, name: 'Sales EU' }],
        users: [{ ...alice, jobTitle: 'Lead' }, aUser({ openId: 'ou_new', departmentIds: ['od-sales'] })],
      },
      { scope: { mode: 'all' } },
    );
    const { upserts, deactivations } = planItems(diff);
    expect(upserts.map((item) => `${item.write.entity}:${item.change?.op}`)).toEqual([
      'department:updated',
      'user:updated',
      'user:created',
    ]);
    expect(deactivations.map((item) => [item.change?.entityId, item.change?.after.status])).toEqual([
      ['ou_bob', 'resigned'],
    ]);
  });
});

describe('replanItem', () => {
  const alice = aUser({ openId: 'ou_alice', name: 'Alice' });
  const renamed = { ...alice, name: 'Alice B' };

  it.each<[string, UserRecord | undefined, string | null]>([
    ['a new user', undefined, 'created'],
    ['a row as the diff saw it', userRow(alice), 'updated'],
    ['a row an event wrote after the snapshot began', userRow(alice, T + 1), null],
    ['a row an event already brought to the same state', userRow(renamed, T - 1), null],
  ])('should replan against %s', (_case, current, op) => {
    const replanned = replanItem(userItem(renamed), current, T);
    expect(replanned === null ? null : replanned.change?.op).toBe(op);
  });

  it('should rebuild the change from the current row', () => {
    const current = userRow({ ...alice, jobTitle: 'Engineer' });
    expect(replanItem(userItem(renamed), current, T)?.change?.before).toEqual(current.user);
  });
});

describe('countChanges', () => {
  it('should count by op, deletions as deactivations', () => {
    const item = (op: string) => ({ change: { op } }) as SyncItem;
    expect(
      countChanges(
        [item('created'), item('moved'), item('deleted'), item('deactivated'), { change: null } as SyncItem],
        4,
      ),
    ).toEqual({
      created: 1,
      updated: 0,
      moved: 1,
      deactivated: 2,
      unchanged: 4,
    });
  });
});

describe('addCounts', () => {
  it('should add each count', () => {
    const counts = { created: 1, updated: 2, moved: 3, deactivated: 4, unchanged: 5 };
    expect(addCounts(counts, { ...counts, moved: 0 })).toEqual({
      created: 2,
      updated: 4,
      moved: 3,
      deactivated: 8,
      unchanged: 10,
    });
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

describe('isDeactivation', () => {
  const change = (before: string | null, after: string) =>
    ({ before: before === null ? null : { status: before }, after: { status: after } }) as never;

  it.each([
    ['active', 'resigned', true],
    ['frozen', 'resigned', true],
    [null, 'resigned', false],
    ['active', 'out_of_scope', true],
    ['active', 'deleted', true],
    ['resigned', 'resigned', false],
    ['active', 'frozen', false],
    ['resigned', 'active', false],
  ])('should treat %p → %p as a deactivation: %p', (before, after, expected) => {
    expect(isDeactivation(change(before, after))).toBe(expected);
  });
});
