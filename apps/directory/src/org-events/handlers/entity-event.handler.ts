import type {
  EntityChange,
  EntityWrite,
  EventDecision,
  ReconcileContext,
  UserRecord,
} from '@app/directory-domain';
import { childIndex, descendantIds, reconcileEvent } from '@app/directory-domain';
import type { StoredUser } from '../../org-store';
import type { EventContext } from '../event-context';
import type { IdpContactEvent } from '../lark-events-message.parser';

/**
 * Load → decide → queue for user and department events: takes the entity's row from the batch's context (and,
 * for departments, loads the members of its subtree), calls `reconcileEvent` and queues the decision's writes.
 */
export async function reconcileEntityEvent(
  event: IdpContactEvent,
  context: EventContext,
): Promise<EventDecision> {
  const { entity } = event;
  if (entity.kind === 'scope') throw new Error('scope events are not entity events');
  const current =
    entity.kind === 'user'
      ? await loadUser(entity.id, context)
      : (context.departments.get(entity.id) ?? null);
  const members = entity.kind === 'department' ? await subtreeMembers(entity.id, context) : [];
  const reconcile: ReconcileContext = {
    scope: context.scope,
    departments: context.departments,
    groupMemberIds: groupMembers(
      context,
      entity.kind === 'user' && current ? [current as StoredUser] : members,
    ),
    subtreeMembers: members,
  };
  const decision = reconcileEvent(event, current, reconcile);
  const changes = [...decision.changes, ...pathChanges(decision, members)];
  await context.pending.add({
    writes: decision.writes,
    changes,
    cause: { kind: 'event', eventId: event.eventId },
  });
  remember(decision.writes, context);
  return decision;
}

/** From the batch's users (loaded up front, kept current), else from the database (then nothing of it is pending). */
async function loadUser(openId: string, context: EventContext): Promise<StoredUser | null> {
  const known = context.users.get(openId);
  if (known !== undefined) return known;
  const [user] = await context.reader.usersByIds(context.idpId, [openId], context.manager);
  return user ?? null;
}

/** Members of the department and of everything below it by parent links (also orphans waiting for it). */
async function subtreeMembers(departmentId: string, context: EventContext): Promise<StoredUser[]> {
  await context.pending.flush();
  const below = descendantIds(
    departmentId,
    childIndex([...context.departments.values()].map((row) => row.department)),
  );
  return context.reader.usersInDepartments(context.idpId, [departmentId, ...below], context.manager);
}

/**
 * Group membership is not in Lark's contact events: a user the last full sync found in scope through a
 * selected group stays in scope until the next full sync says otherwise.
 */
function groupMembers(context: EventContext, users: readonly UserRecord[]): Set<string> {
  if (context.scope.mode === 'all' || context.scope.groupIds.length === 0) return new Set();
  return new Set(users.filter((row) => row.user.status !== 'out_of_scope').map((row) => row.user.openId));
}

/** Keeps the batch's view of the rows current: later events of the batch decide on what earlier ones wrote. */
function remember(writes: readonly EntityWrite[], context: EventContext): void {
  for (const write of writes) {
    if (write.entity === 'department') {
      const previous = context.departments.get(write.record.department.openDepartmentId);
      context.departments.set(write.record.department.openDepartmentId, {
        ...write.record,
        version: previous?.version ?? 0,
      });
    } else {
      const previous = context.users.get(write.record.user.openId);
      context.users.set(write.record.user.openId, { ...write.record, version: previous?.version ?? 0 });
    }
  }
}

/** Users whose departments' paths changed without a change of their own row: reported as moved. */
function pathChanges(decision: EventDecision, members: readonly UserRecord[]): EntityChange[] {
  const changed = new Set(
    decision.changes.filter((change) => change.entity === 'user').map((change) => change.entityId),
  );
  const affected = new Set(decision.affectedUserIds.filter((id) => !changed.has(id)));
  return members
    .filter((row) => affected.has(row.user.openId) && row.user.status !== 'out_of_scope')
    .map((row) => ({
      entity: 'user',
      entityId: row.user.openId,
      op: 'moved',
      before: row.user,
      after: row.user,
    }));
}
