import fc from 'fast-check';
import type { ContactEventType } from '@app/contracts';
import type { DepartmentRecord, UserRecord } from './directory-records';
import { eventEntity, reconcileEvent, type ContactEvent } from './event-reconciliation';
import { ALL_SCOPE, type OrgScope } from './scope';

/** Convergence of the event path: whatever the delivery order, duplication or delay, the directory ends the same. */

interface Store {
  users: Map<string, UserRecord>;
  departments: Map<string, DepartmentRecord>;
}

const DEPARTMENTS = ['d0', 'd1', 'd2', 'd3'];
const USERS = ['u0', 'u1', 'u2'];
const GROUP_MEMBERS = new Set(['u2']);

const departmentEventArb = fc.record({
  type: fc.constantFrom<ContactEventType>(
    'contact.department.created_v3',
    'contact.department.updated_v3',
    'contact.department.deleted_v3',
  ),
  id: fc.constantFrom(...DEPARTMENTS),
  parent: fc.constantFrom('0', ...DEPARTMENTS, 'd-unknown'),
  name: fc.constantFrom('Sales', 'R&D', 'Ops'),
});

const userEventArb = fc.record({
  type: fc.constantFrom<ContactEventType>(
    'contact.user.created_v3',
    'contact.user.updated_v3',
    'contact.user.deleted_v3',
  ),
  id: fc.constantFrom(...USERS),
  departments: fc.subarray([...DEPARTMENTS, 'd-unknown']),
  status: fc.record({ is_activated: fc.boolean(), is_frozen: fc.boolean(), is_resigned: fc.boolean() }),
  name: fc.constantFrom('Ann', 'Bob'),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Raw =
  | { kind: 'department'; e: ValueOf<typeof departmentEventArb> }
  | { kind: 'user'; e: ValueOf<typeof userEventArb> };

function toEvent(raw: Raw, index: number, createTime: number): ContactEvent {
  const eventId = `evt-${String(index).padStart(3, '0')}`;
  const object =
    raw.kind === 'department'
      ? { open_department_id: raw.e.id, name: raw.e.name, parent_department_id: raw.e.parent, order: 1 }
      : { open_id: raw.e.id, name: raw.e.name, department_ids: raw.e.departments, status: raw.e.status };
  return { eventType: raw.e.type, eventId, createTime, payload: { object } };
}

const eventsArb = fc
  .array(
    fc.tuple(
      fc.oneof(
        departmentEventArb.map((e): Raw => ({ kind: 'department', e })),
        userEventArb.map((e): Raw => ({ kind: 'user', e })),
      ),
      fc.integer({ min: 1, max: 15 }), // few distinct times: ties happen
    ),
    { minLength: 1, maxLength: 25 },
  )
  .map((list) => list.map(([raw, time], i) => toEvent(raw, i, time)));

const scopeArb = fc.constantFrom<OrgScope>(ALL_SCOPE, {
  mode: 'partial',
  departmentIds: ['d1'],
  groupIds: ['g'],
});

function apply(store: Store, event: ContactEvent, scope: OrgScope): void {
  const entity = eventEntity(event);
  const current =
    entity.kind === 'user'
      ? store.users.get(entity.id)
      : entity.kind === 'department'
        ? store.departments.get(entity.id)
        : null;
  const decision = reconcileEvent(event, current ?? null, {
    scope,
    departments: store.departments,
    groupMemberIds: GROUP_MEMBERS,
    subtreeMembers: [...store.users.values()],
  });
  for (const write of decision.writes) {
    if (write.entity === 'user') store.users.set(write.record.user.openId, write.record);
    else store.departments.set(write.record.department.openDepartmentId, write.record);
  }
}

function run(events: readonly ContactEvent[], scope: OrgScope): Store {
  const store: Store = { users: new Map(), departments: new Map() };
  for (const event of events) apply(store, event, scope);
  return store;
}

const byVersion = (a: ContactEvent, b: ContactEvent) =>
  a.createTime - b.createTime || a.eventId.localeCompare(b.eventId);
const sorted = (store: Store) => ({
  users: [...store.users.entries()].sort(([a], [b]) => a.localeCompare(b)),
  departments: [...store.departments.entries()].sort(([a], [b]) => a.localeCompare(b)),
});

describe('event reconciliation convergence', () => {
  it('should converge to in-order application under any interleaving, duplication and delay', () => {
    const deliveriesArb = eventsArb.chain((events) =>
      fc.tuple(
        fc.constant(events),
        fc.array(fc.nat({ max: events.length - 1 }), { maxLength: 10 }).chain((dups) => {
          const deliveries = [...events, ...dups.map((i) => events[i])];
          return fc.shuffledSubarray(deliveries, {
            minLength: deliveries.length,
            maxLength: deliveries.length,
          });
        }),
      ),
    );
    fc.assert(
      fc.property(deliveriesArb, scopeArb, ([events, deliveries], scope) => {
        const inOrder = run([...events].sort(byVersion), scope);
        expect(sorted(run(deliveries, scope))).toEqual(sorted(inOrder));
      }),
      { numRuns: 500 },
    );
  });

  it("should leave each entity with its latest event's version", () => {
    fc.assert(
      fc.property(eventsArb, scopeArb, (events, scope) => {
        const store = run([...events].reverse(), scope);
        for (const event of events) {
          const entity = eventEntity(event);
          const row =
            entity.kind === 'user' ? store.users.get(entity.id) : store.departments.get(entity.id as string);
          const latest = events
            .filter((e) => eventEntity(e).id === entity.id)
            .sort(byVersion)
            .pop() as ContactEvent;
          expect(row?.sourceEventId).toBe(latest.eventId);
        }
      }),
    );
  });
});
