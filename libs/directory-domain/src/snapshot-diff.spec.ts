import type { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import type { DepartmentRecord, UserRecord } from './directory-records';
import { ALL_SCOPE, type OrgScope } from './scope';
import { diffSnapshot, type DirectorySnapshot } from './snapshot-diff';
import { aDepartment, aUser } from './testing/factories';

const T = 10_000;
const rootDept = aDepartment({ openDepartmentId: 'od-a', name: 'A' });
const childDept = aDepartment({ openDepartmentId: 'od-b', name: 'B', parentId: 'od-a', path: ['od-a'] });
const otherDept = aDepartment({ openDepartmentId: 'od-c', name: 'C' });
const alice = aUser({ openId: 'ou_alice', departmentIds: ['od-b'], primaryDepartmentId: 'od-b' });
const bob = aUser({ openId: 'ou_bob', departmentIds: ['od-c'], primaryDepartmentId: 'od-c' });

const deptRow = (department: DirectoryDepartment, sourceVersion = T - 1): DepartmentRecord => ({
  department,
  sourceVersion,
  sourceEventId: 'e',
});
const userRow = (user: DirectoryUser, sourceVersion = T - 1): UserRecord => ({
  user,
  larkStatus: user.status,
  sourceVersion,
  sourceEventId: 'e',
});
const current = (users = [alice, bob], versions: Record<string, number> = {}) => ({
  departments: [rootDept, childDept, otherDept].map((d) => deptRow(d, versions[d.openDepartmentId])),
  users: users.map((u) => userRow(u, versions[u.openId])),
});
const snapshot = (over: Partial<DirectorySnapshot> = {}): DirectorySnapshot => ({
  takenAt: T,
  complete: true,
  departments: [rootDept, childDept, otherDept],
  users: [alice, bob],
  ...over,
});
const summary = (d: ReturnType<typeof diffSnapshot>) => ({
  creates: d.creates.map((c) => c.entityId),
  updates: d.updates.map((c) => c.entityId),
  moves: d.moves.map((c) => c.entityId),
  deactivations: d.deactivations.map((c) => `${c.entityId}:${c.after.status}`),
  unchanged: d.unchanged,
  skippedNewer: d.skippedNewer,
  drift: d.drift,
});
const partialA: OrgScope = { mode: 'partial', departmentIds: ['od-a'], groupIds: [] };
const none = { creates: [], updates: [], moves: [], deactivations: [], skippedNewer: 0, drift: 0 };

describe('diffSnapshot', () => {
  it.each([
    ['nothing changed', current(), snapshot(), ALL_SCOPE, { ...none, unchanged: 5 }],
    [
      'a first load',
      { departments: [], users: [] },
      snapshot(),
      ALL_SCOPE,
      { ...none, creates: ['od-a', 'od-b', 'od-c', 'ou_alice', 'ou_bob'], unchanged: 0 },
    ],
    [
      'a new user',
      current([alice]),
      snapshot(),
      ALL_SCOPE,
      { ...none, creates: ['ou_bob'], unchanged: 4, drift: 1 },
    ],
    [
      'a renamed user',
      current(),
      snapshot({ users: [alice, { ...bob, name: 'Robert' }] }),
      ALL_SCOPE,
      { ...none, updates: ['ou_bob'], unchanged: 4, drift: 1 },
    ],
    [
      'a user who changed departments',
      current(),
      snapshot({ users: [alice, { ...bob, departmentIds: ['od-a'] }] }),
      ALL_SCOPE,
      { ...none, moves: ['ou_bob'], unchanged: 4, drift: 1 },
    ],
    [
      'a user absent while in scope',
      current(),
      snapshot({ users: [alice] }),
      ALL_SCOPE,
      { ...none, deactivations: ['ou_bob:resigned'], unchanged: 4, drift: 1 },
    ],
    [
      'a frozen user',
      current(),
      snapshot({ users: [alice, { ...bob, status: 'frozen' }] }),
      ALL_SCOPE,
      { ...none, deactivations: ['ou_bob:frozen'], unchanged: 4, drift: 1 },
    ],
    [
      'a shrunk scope',
      current(),
      snapshot({ departments: [rootDept, childDept], users: [alice] }),
      partialA,
      { ...none, deactivations: ['od-c:out_of_scope', 'ou_bob:out_of_scope'], unchanged: 3, drift: 2 },
    ],
    [
      'a deleted department',
      current([alice]),
      snapshot({ departments: [rootDept, childDept], users: [alice] }),
      ALL_SCOPE,
      { ...none, deactivations: ['od-c:deleted'], unchanged: 3, drift: 1 },
    ],
    [
      'a moved department',
      current(),
      snapshot({ departments: [rootDept, { ...childDept, parentId: 'od-c' }, otherDept] }),
      ALL_SCOPE,
      { ...none, moves: ['od-b'], unchanged: 4, drift: 1 },
    ],
    [
      'an incomplete snapshot',
      current(),
      snapshot({ complete: false, departments: [], users: [] }),
      ALL_SCOPE,
      { ...none, unchanged: 0 },
    ],
    [
      'rows written by events after T',
      current([alice, bob], { ou_bob: T + 5, 'od-c': T + 5 }),
      snapshot({ departments: [rootDept, childDept], users: [alice, { ...bob, name: 'Old' }] }),
      ALL_SCOPE,
      { ...none, unchanged: 3, skippedNewer: 1 },
    ],
  ])('should diff %s', (_label, cur, snap, scope, expected) => {
    expect(summary(diffSnapshot(cur, snap, { scope }))).toEqual(expected);
  });

  it('should overwrite rows versioned in the future, so a forged event cannot pin them against every later sync', () => {
    const now = T + 1_000;
    const forged = now + 60 * 60_000;
    const diff = diffSnapshot(
      current([alice, bob], { ou_bob: forged, 'od-c': forged, ou_alice: now }),
      snapshot({
        users: [
          { ...alice, name: 'Alice (Lark)' },
          { ...bob, name: 'Bob (Lark)' },
        ],
      }),
      { scope: ALL_SCOPE, now },
    );
    expect(diff.futureVersions).toBe(2);
    expect(diff.skippedNewer).toBe(1);
    expect(diff.updates.map((change) => change.entityId)).toEqual(['ou_bob']);
    expect(diff.writes.filter((write) => write.record.sourceVersion === forged)).toEqual([]);
    const odC = diff.writes.find(
      (write) => write.entity === 'department' && write.record.department.openDepartmentId === 'od-c',
    );
    expect(odC?.record.sourceVersion).toBe(T);
    expect(
      diff.writes.find((write) => write.entity === 'user' && write.record.user.openId === 'ou_bob')?.record
        .sourceVersion,
    ).toBe(T);
  });

  it('should keep a row an event wrote during the run, up to the allowed clock skew', () => {
    const now = T + 1_000;
    const diff = diffSnapshot(
      current([alice, bob], { ou_bob: now + 4 * 60_000 }),
      snapshot({ users: [alice, { ...bob, name: 'Old' }] }),
      { scope: ALL_SCOPE, now },
    );
    expect({ skippedNewer: diff.skippedNewer, futureVersions: diff.futureVersions }).toEqual({
      skippedNewer: 1,
      futureVersions: 0,
    });
  });

  it('should re-path the subtree of a moved department with T as the version', () => {
    const diff = diffSnapshot(
      current(),
      snapshot({ departments: [{ ...rootDept, parentId: 'od-c' }, childDept, otherDept] }),
      { scope: ALL_SCOPE },
    );
    expect(
      diff.writes.map((w) => [
        w.entity === 'department' ? w.record.department.path : null,
        w.record.sourceVersion,
      ]),
    ).toEqual([
      [['od-c'], T],
      [['od-c', 'od-a'], T],
    ]);
    expect(diff.drift).toBe(1);
  });

  it('should count user deactivations for the deletion guard', () => {
    expect(diffSnapshot(current(), snapshot({ users: [] }), { scope: ALL_SCOPE }).userDeactivations).toBe(2);
  });

  it('should leave users alone in a structure-only run', () => {
    const diff = diffSnapshot(current(), snapshot({ users: [] }), { scope: ALL_SCOPE, includeUsers: false });
    expect(diff.deactivations).toEqual([]);
  });

  it('should not count scope transitions as drift in a scope-change run', () => {
    const diff = diffSnapshot(current(), snapshot({ departments: [rootDept, childDept], users: [alice] }), {
      scope: partialA,
      scopeChanged: true,
    });
    expect(diff.drift).toBe(0);
  });

  it('should write nothing when nothing changed', () => {
    expect(diffSnapshot(current(), snapshot(), { scope: ALL_SCOPE }).writes).toEqual([]);
  });
});
