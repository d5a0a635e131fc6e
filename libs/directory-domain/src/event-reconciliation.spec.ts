import { compareToSource, eventEntity, reconcileEvent, type ReconcileContext } from './event-reconciliation';
import type { UserRecord } from './directory-records';
import { InvalidPayloadError, parseLarkUser } from './lark-mapping';
import { ALL_SCOPE, type OrgScope } from './scope';
import {
  aContactEvent,
  aDepartmentRecord,
  aLarkDepartment,
  aLarkUser,
  aUserRecord,
  departmentRows,
} from './testing/factories';

const T = 5_000;
const root = aDepartmentRecord({ openDepartmentId: 'od-root', parentId: null, path: [] });
const sel = aDepartmentRecord({ openDepartmentId: 'od-sel', parentId: 'od-root', path: ['od-root'] });
const inSel = aDepartmentRecord({
  openDepartmentId: 'od-in',
  parentId: 'od-sel',
  path: ['od-root', 'od-sel'],
});
const outside = aDepartmentRecord({ openDepartmentId: 'od-out', parentId: 'od-root', path: ['od-root'] });
const partial: OrgScope = { mode: 'partial', departmentIds: ['od-sel'], groupIds: ['g'] };
const ctx = (scope: OrgScope = ALL_SCOPE, extra: Partial<ReconcileContext> = {}): ReconcileContext => ({
  scope,
  departments: departmentRows(root, sel, inSel, outside),
  ...extra,
});

describe('compareToSource', () => {
  it.each([
    [
      'the same event',
      { eventId: 'e1', createTime: 10 },
      { sourceVersion: 10, sourceEventId: 'e1' },
      'duplicate',
    ],
    ['a later event', { eventId: 'e2', createTime: 11 }, { sourceVersion: 10, sourceEventId: 'e1' }, 'newer'],
    [
      'an earlier event',
      { eventId: 'e2', createTime: 9 },
      { sourceVersion: 10, sourceEventId: 'e1' },
      'stale',
    ],
    [
      'a tie with a larger event id',
      { eventId: 'e2', createTime: 10 },
      { sourceVersion: 10, sourceEventId: 'e1' },
      'newer',
    ],
    [
      'a tie with a smaller event id',
      { eventId: 'e0', createTime: 10 },
      { sourceVersion: 10, sourceEventId: 'e1' },
      'stale',
    ],
    [
      'a tie with a sync snapshot',
      { eventId: 'e0', createTime: 10 },
      { sourceVersion: 10, sourceEventId: null },
      'stale',
    ],
    [
      'an event after a sync snapshot',
      { eventId: 'e0', createTime: 11 },
      { sourceVersion: 10, sourceEventId: null },
      'newer',
    ],
  ] as const)('should rank %s', (_label, event, row, expected) => {
    expect(compareToSource(event, row)).toBe(expected);
  });
});

describe('eventEntity', () => {
  it.each([
    [
      'a user',
      aContactEvent('contact.user.updated_v3', aLarkUser({ open_id: 'ou_1' })),
      { kind: 'user', id: 'ou_1' },
    ],
    [
      'a department',
      aContactEvent('contact.department.deleted_v3', aLarkDepartment({ open_department_id: 'od-9' })),
      { kind: 'department', id: 'od-9' },
    ],
    [
      'the scope',
      { ...aContactEvent('contact.scope.updated_v3', {}), payload: { added: {}, removed: {} } },
      { kind: 'scope', id: null },
    ],
  ])('should name %s', (_label, event, expected) => {
    expect(eventEntity(event)).toEqual(expected);
  });

  it.each([
    ['no object', { ...aContactEvent('contact.user.created_v3', {}), payload: {} }],
    ['no open_id', aContactEvent('contact.user.created_v3', { name: 'x' })],
    ['no open_department_id', aContactEvent('contact.department.created_v3', { name: 'x' })],
  ])('should throw InvalidPayloadError for %s', (_label, event) => {
    expect(() => eventEntity(event)).toThrow(InvalidPayloadError);
  });
});

describe('reconcileEvent: users', () => {
  const lark = (o: Record<string, unknown> = {}) =>
    aLarkUser({
      open_id: 'ou_1',
      union_id: 'on_1',
      user_id: 'u1',
      email: 'a@x.com',
      name: 'Old',
      department_ids: ['od-in'],
      orders: [],
      ...o,
    });
  const current: UserRecord = {
    user: parseLarkUser(lark()),
    larkStatus: 'active',
    sourceVersion: T,
    sourceEventId: 'e5',
  };

  it.each([
    [
      'create an unknown user',
      'contact.user.created_v3',
      null,
      lark(),
      ALL_SCOPE,
      'applied',
      'created',
      'active',
    ],
    [
      'update a field',
      'contact.user.updated_v3',
      current,
      lark({ name: 'New' }),
      ALL_SCOPE,
      'applied',
      'updated',
      'active',
    ],
    [
      'move departments',
      'contact.user.updated_v3',
      current,
      lark({ department_ids: ['od-sel'] }),
      ALL_SCOPE,
      'applied',
      'moved',
      'active',
    ],
    [
      'freeze',
      'contact.user.updated_v3',
      current,
      lark({ status: { is_activated: true, is_frozen: true } }),
      ALL_SCOPE,
      'applied',
      'deactivated',
      'frozen',
    ],
    [
      'resign on delete (keeping the row)',
      'contact.user.deleted_v3',
      current,
      lark({ status: { is_resigned: false } }),
      ALL_SCOPE,
      'applied',
      'deactivated',
      'resigned',
    ],
    [
      'resign an unknown user on delete',
      'contact.user.deleted_v3',
      null,
      lark(),
      ALL_SCOPE,
      'applied',
      'deactivated',
      'resigned',
    ],
    [
      'keep an unknown department',
      'contact.user.updated_v3',
      current,
      lark({ department_ids: ['od-new'] }),
      ALL_SCOPE,
      'applied',
      'moved',
      'active',
    ],
    [
      'move out of scope',
      'contact.user.updated_v3',
      current,
      lark({ department_ids: ['od-out'] }),
      partial,
      'applied',
      'deactivated',
      'out_of_scope',
    ],
    [
      'ignore an out-of-scope user',
      'contact.user.created_v3',
      null,
      lark({ department_ids: ['od-out'] }),
      partial,
      'ignored_out_of_scope',
      null,
      'out_of_scope',
    ],
    [
      'take in a user of a sub-department',
      'contact.user.created_v3',
      null,
      lark(),
      partial,
      'applied',
      'created',
      'active',
    ],
    [
      'change nothing visible',
      'contact.user.updated_v3',
      current,
      lark({ avatar: { avatar_72: 'x' } }),
      ALL_SCOPE,
      'applied',
      null,
      'active',
    ],
  ] as const)('should %s', (_label, type, row, object, scope, outcome, op, status) => {
    const decision = reconcileEvent(
      aContactEvent(type, object, { createTime: T + 1, eventId: 'e6' }),
      row,
      ctx(scope),
    );
    expect(decision.outcome).toBe(outcome);
    expect(decision.changes.map((c) => c.op)).toEqual(op ? [op] : []);
    expect(decision.writes).toEqual([
      { entity: 'user', record: expect.objectContaining({ sourceVersion: T + 1, sourceEventId: 'e6' }) },
    ]);
    const written = decision.writes[0].record as { user: { status: string; departmentIds: string[] } };
    expect(written.user.status).toBe(status);
  });

  it('should keep the former departments when a delete empties them', () => {
    const event = aContactEvent('contact.user.deleted_v3', lark({ department_ids: [] }), {
      createTime: T + 1,
      oldObject: { open_id: 'ou_1', department_ids: ['od-sel'] },
    });
    const [write] = reconcileEvent(event, current, ctx()).writes;
    expect(write.record).toMatchObject({
      user: { departmentIds: ['od-sel'], status: 'resigned' },
      larkStatus: 'resigned',
    });
  });

  it('should restore the Lark status when a user re-enters the scope', () => {
    const away = {
      ...current,
      user: { ...current.user, status: 'out_of_scope' as const },
      larkStatus: 'frozen' as const,
    };
    const event = aContactEvent(
      'contact.user.updated_v3',
      lark({ status: { is_activated: true, is_frozen: true } }),
      { createTime: T + 1 },
    );
    const decision = reconcileEvent(event, away, ctx(partial));
    expect(decision.changes).toEqual([
      expect.objectContaining({ op: 'created', after: expect.objectContaining({ status: 'frozen' }) }),
    ]);
  });

  it('should take in a member of a selected group outside the departments', () => {
    const event = aContactEvent('contact.user.created_v3', lark({ department_ids: ['od-out'] }));
    expect(reconcileEvent(event, null, ctx(partial, { groupMemberIds: new Set(['ou_1']) })).outcome).toBe(
      'applied',
    );
  });

  it.each([
    ['older', T - 1, 'e9', 'stale'],
    ['equal, with a smaller id', T, 'e1', 'stale'],
    ['the same event again', T, 'e5', 'duplicate'],
  ])('should not overwrite with an %s event', (_label, createTime, eventId, outcome) => {
    const decision = reconcileEvent(
      aContactEvent('contact.user.updated_v3', lark({ name: 'X' }), { createTime, eventId }),
      current,
      ctx(),
    );
    expect(decision).toMatchObject({ outcome, writes: [], changes: [] });
  });
});

describe('reconcileEvent: departments', () => {
  const member = aUserRecord({ openId: 'ou_m', departmentIds: ['od-in'] });
  const bystander = aUserRecord({ openId: 'ou_b', departmentIds: ['od-out'] });
  const event = (type: Parameters<typeof aContactEvent>[0], o: Record<string, unknown>) =>
    aContactEvent(
      type,
      aLarkDepartment({
        open_department_id: 'od-sel',
        name: sel.department.name,
        department_id: sel.department.departmentId,
        parent_department_id: 'od-root',
        order: 0,
        ...o,
      }),
      { createTime: 2000 },
    );
  const run = (e: ReturnType<typeof event>, scope: OrgScope = ALL_SCOPE) =>
    reconcileEvent(e, sel, ctx(scope, { subtreeMembers: [member, bystander] }));

  it('should move a department with its subtree and report its members', () => {
    const decision = run(event('contact.department.updated_v3', { parent_department_id: 'od-out' }));
    expect(decision.changes.map((c) => [c.entityId, c.op, c.after.status])).toEqual([
      ['od-sel', 'moved', 'active'],
      ['od-in', 'updated', 'active'],
    ]);
    expect(decision.changes[1].after).toMatchObject({ path: ['od-root', 'od-out', 'od-sel'] });
    expect(decision.writes.map((w) => [w.entity, w.record.sourceVersion])).toEqual([
      ['department', 2000],
      ['department', 1000],
    ]);
    expect(decision.affectedUserIds).toEqual(['ou_m']);
  });

  it('should report members of a renamed department as affected', () => {
    const decision = run(event('contact.department.updated_v3', { name: 'Renamed' }));
    expect(decision.changes.map((c) => c.op)).toEqual(['updated']);
    expect(decision.affectedUserIds).toEqual(['ou_m']);
  });

  it('should mark a deleted department deleted and keep its row', () => {
    const decision = run(event('contact.department.deleted_v3', { status: { is_deleted: false } }));
    expect(decision.changes).toEqual([
      expect.objectContaining({
        entityId: 'od-sel',
        op: 'deleted',
        after: expect.objectContaining({ status: 'deleted' }),
      }),
    ]);
  });

  it('should take the selected subtree out of scope with its members when it moves out', () => {
    const scope: OrgScope = { mode: 'partial', departmentIds: ['od-root'], groupIds: [] };
    const moved = reconcileEvent(
      event('contact.department.updated_v3', { parent_department_id: 'od-elsewhere' }),
      sel,
      ctx(scope, {
        subtreeMembers: [member],
        departments: departmentRows(
          root,
          sel,
          inSel,
          aDepartmentRecord({ openDepartmentId: 'od-elsewhere' }),
        ),
      }),
    );
    expect(moved.changes.map((c) => [c.entityId, c.op, c.after.status])).toEqual([
      ['od-sel', 'deactivated', 'out_of_scope'],
      ['od-in', 'deactivated', 'out_of_scope'],
      ['ou_m', 'deactivated', 'out_of_scope'],
    ]);
  });

  it('should create a department under an unknown parent with a path that stops', () => {
    const e = aContactEvent(
      'contact.department.created_v3',
      aLarkDepartment({ open_department_id: 'od-new', parent_department_id: 'od-later' }),
    );
    const decision = reconcileEvent(e, null, ctx());
    expect(decision.changes).toEqual([
      expect.objectContaining({
        op: 'created',
        after: expect.objectContaining({ parentId: 'od-later', path: [] }),
      }),
    ]);
  });

  it('should adopt known orphans when their parent arrives', () => {
    const orphan = aDepartmentRecord({ openDepartmentId: 'od-orphan', parentId: 'od-late', path: [] });
    const e = aContactEvent(
      'contact.department.created_v3',
      aLarkDepartment({ open_department_id: 'od-late', parent_department_id: 'od-root' }),
    );
    const decision = reconcileEvent(e, null, { scope: ALL_SCOPE, departments: departmentRows(root, orphan) });
    expect(decision.changes[1]).toMatchObject({
      entityId: 'od-orphan',
      op: 'updated',
      after: { path: ['od-root', 'od-late'] },
    });
  });

  it('should ignore a department outside a partial scope but still record it', () => {
    const e = aContactEvent(
      'contact.department.created_v3',
      aLarkDepartment({ open_department_id: 'od-x', parent_department_id: 'od-out' }),
    );
    const decision = reconcileEvent(e, null, ctx(partial));
    expect(decision).toMatchObject({ outcome: 'ignored_out_of_scope', changes: [] });
    expect(decision.writes).toHaveLength(1);
  });

  it('should request a full sync on a scope change', () => {
    const e = {
      ...aContactEvent('contact.scope.updated_v3', {}),
      payload: { added: {}, removed: { users: [aLarkUser()] } },
    };
    expect(reconcileEvent(e, null, ctx())).toEqual({
      outcome: 'full_sync_requested',
      entity: { kind: 'scope', id: null },
      writes: [],
      changes: [],
      affectedUserIds: [],
    });
  });

  it('should refuse a row of the wrong kind', () => {
    expect(() => reconcileEvent(event('contact.department.updated_v3', {}), member, ctx())).toThrow(
      TypeError,
    );
  });
});
