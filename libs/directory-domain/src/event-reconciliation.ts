import type { ContactEventType, DirectoryDepartment, DirectoryUser } from '@app/contracts';
import {
  type DepartmentRecord,
  type EntityChange,
  type EntityWrite,
  type SourceVersion,
  type UserRecord,
  changedFields,
  departmentChangeOp,
  effectiveUserStatus,
  userChangeOp,
} from './directory-records';
import { InvalidPayloadError, parseLarkDepartment, parseLarkUser } from './lark-mapping';
import { ancestorPath, childIndex, descendantIds } from './org-tree';
import { type OrgScope, isDepartmentInScope, isUserInScope } from './scope';

/** The parts of a `lark.events.v1` message the decision needs. */
export interface ContactEvent {
  eventType: ContactEventType;
  eventId: string;
  /** Lark's create_time, ms since the epoch. */
  createTime: number;
  /** Lark's `event` object: `{ object, old_object? }` (or `{ added, removed }` for scope events). */
  payload: Record<string, unknown>;
}

/** Which row an event is about, so the I/O layer can load it (and lock it) before deciding. */
export type EventEntity = { kind: 'user' | 'department'; id: string } | { kind: 'scope'; id: null };

/** What the I/O layer loads next to the entity's row. */
export interface ReconcileContext {
  scope: OrgScope;
  /**
   * Current department rows by id: at least the ancestors of what the event names and, for department events, the
   * entity's subtree by parent links (not by stored path: an orphan's path does not name its missing parent yet).
   * The IdP's whole tree is simplest.
   */
  departments: ReadonlyMap<string, DepartmentRecord>;
  /** Open ids of the members of the scope's selected user groups. */
  groupMemberIds?: ReadonlySet<string>;
  /** For department events: users of the entity's subtree (a superset is fine); their scope is re-evaluated. */
  subtreeMembers?: readonly UserRecord[];
}

/** `applied`: write `writes`; `ignored_out_of_scope`: write `writes` (a version marker), publish nothing. */
export type EventOutcome = 'applied' | 'stale' | 'duplicate' | 'ignored_out_of_scope' | 'full_sync_requested';

/**
 * The effect of one event. Persist `writes` and `changes` with the processed eventId in one transaction, whatever the
 * outcome; `affectedUserIds` are users whose view (department names/paths) changed without a change of their own row.
 */
export interface EventDecision {
  outcome: EventOutcome;
  entity: EventEntity;
  writes: EntityWrite[];
  changes: EntityChange[];
  affectedUserIds: string[];
}

function eventObject(event: ContactEvent): unknown {
  const object = event.payload.object;
  if (typeof object !== 'object' || object === null) {
    throw new InvalidPayloadError(`${event.eventType} ${event.eventId} has no event.object`, 'object');
  }
  return object;
}

/** Identifies the entity of an event; throws InvalidPayloadError when the payload lacks its id. */
export function eventEntity(event: ContactEvent): EventEntity {
  if (event.eventType === 'contact.scope.updated_v3') return { kind: 'scope', id: null };
  if (event.eventType.startsWith('contact.user.'))
    return { kind: 'user', id: parseLarkUser(eventObject(event)).openId };
  return { kind: 'department', id: parseLarkDepartment(eventObject(event)).openDepartmentId };
}

/**
 * Orders an event against the row's source version. Ties on createTime are broken by eventId so that any delivery
 * order converges; a row written by a sync run at T wins over an event stamped exactly T.
 */
export function compareToSource(
  event: { eventId: string; createTime: number },
  row: SourceVersion,
): 'newer' | 'stale' | 'duplicate' {
  if (row.sourceEventId === event.eventId) return 'duplicate';
  if (event.createTime !== row.sourceVersion) return event.createTime > row.sourceVersion ? 'newer' : 'stale';
  if (row.sourceEventId === null) return 'stale';
  return event.eventId > row.sourceEventId ? 'newer' : 'stale';
}

function noEffect(outcome: EventOutcome, entity: EventEntity): EventDecision {
  return { outcome, entity, writes: [], changes: [], affectedUserIds: [] };
}

/** Decides the effect of one contact event on the current row of its entity (null when unknown). Pure. */
export function reconcileEvent(
  event: ContactEvent,
  current: UserRecord | DepartmentRecord | null,
  context: ReconcileContext,
): EventDecision {
  const entity = eventEntity(event);
  if (entity.kind === 'scope') return noEffect('full_sync_requested', entity);
  if (current) {
    const order = compareToSource(event, current);
    if (order !== 'newer') return noEffect(order, entity);
  }
  const version: SourceVersion = { sourceVersion: event.createTime, sourceEventId: event.eventId };
  if (entity.kind === 'user') return decideUser(event, entity, asUser(current), version, context);
  return decideDepartment(event, entity, asDepartment(current), version, context);
}

function asUser(row: UserRecord | DepartmentRecord | null): UserRecord | null {
  if (row && !('user' in row)) throw new TypeError('a user event needs the user row');
  return row;
}

function asDepartment(row: UserRecord | DepartmentRecord | null): DepartmentRecord | null {
  if (row && !('department' in row)) throw new TypeError('a department event needs the department row');
  return row;
}

/** From the event alone (not the current row), so that the result does not depend on delivery order. */
function formerDepartmentIds(event: ContactEvent): string[] {
  const old = event.payload.old_object as { department_ids?: unknown } | undefined;
  const ids = old?.department_ids;
  return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string') : [];
}

function decideUser(
  event: ContactEvent,
  entity: EventEntity,
  current: UserRecord | null,
  version: SourceVersion,
  context: ReconcileContext,
): EventDecision {
  const parsed = parseLarkUser(eventObject(event));
  const deleted = event.eventType === 'contact.user.deleted_v3';
  // Lark may empty department_ids in a delete: keep the former membership for history
  const departmentIds =
    deleted && parsed.departmentIds.length === 0 ? formerDepartmentIds(event) : parsed.departmentIds;
  const larkStatus = deleted ? 'resigned' : parsed.status;
  const paths = { get: (id: string) => context.departments.get(id)?.department.path };
  const inScope = isUserInScope(
    { openId: parsed.openId, departmentIds },
    paths,
    context.groupMemberIds ?? new Set(),
    context.scope,
  );
  const user: DirectoryUser = { ...parsed, departmentIds, status: effectiveUserStatus(larkStatus, inScope) };
  const record: UserRecord = { ...version, user, larkStatus };
  const before = current?.user ?? null;
  const op = userChangeOp(before, user);
  const changes: EntityChange[] = op
    ? [{ entity: 'user', entityId: user.openId, op, before, after: user }]
    : [];
  const hidden = user.status === 'out_of_scope' && (before === null || before.status === 'out_of_scope');
  return {
    outcome: hidden ? 'ignored_out_of_scope' : 'applied',
    entity,
    writes: [{ entity: 'user', record }],
    changes,
    affectedUserIds: [],
  };
}

function departmentStatus(d: DirectoryDepartment, context: ReconcileContext): DirectoryDepartment['status'] {
  if (d.status === 'deleted') return 'deleted';
  return isDepartmentInScope(d, context.scope) ? 'active' : 'out_of_scope';
}

function decideDepartment(
  event: ContactEvent,
  entity: EventEntity,
  current: DepartmentRecord | null,
  version: SourceVersion,
  context: ReconcileContext,
): EventDecision {
  const parsed = parseLarkDepartment(eventObject(event));
  const deleted = event.eventType === 'contact.department.deleted_v3';
  const tree = new Map<string, DirectoryDepartment>();
  for (const [id, row] of context.departments) tree.set(id, row.department);
  tree.set(parsed.openDepartmentId, { ...parsed, path: [] });
  const draft: DirectoryDepartment = {
    ...parsed,
    path: ancestorPath(parsed.openDepartmentId, tree),
    status: deleted ? 'deleted' : parsed.status,
  };
  const department: DirectoryDepartment = { ...draft, status: departmentStatus(draft, context) };
  tree.set(department.openDepartmentId, department);
  const before = current?.department ?? null;
  const op = departmentChangeOp(before, department);
  const own: EntityChange[] = op
    ? [{ entity: 'department', entityId: department.openDepartmentId, op, before, after: department }]
    : [];
  const subtree = reviewSubtree(department.openDepartmentId, tree, context);
  const hidden =
    department.status === 'out_of_scope' && (before === null || before.status === 'out_of_scope');
  const changed = own.length > 0 || subtree.changes.length > 0;
  return {
    outcome: hidden && subtree.changes.length === 0 ? 'ignored_out_of_scope' : 'applied',
    entity,
    writes: [{ entity: 'department', record: { ...version, department } }, ...subtree.writes],
    changes: [...own, ...subtree.changes],
    affectedUserIds: changed ? subtree.memberIds : [],
  };
}

interface SubtreeReview {
  writes: EntityWrite[];
  changes: EntityChange[];
  memberIds: string[];
}

/** Re-paths and re-scopes the descendants of `rootId`, then re-scopes the subtree's members; rows keep their versions. */
function reviewSubtree(
  rootId: string,
  tree: Map<string, DirectoryDepartment>,
  context: ReconcileContext,
): SubtreeReview {
  const review: SubtreeReview = { writes: [], changes: [], memberIds: [] };
  const below = descendantIds(rootId, childIndex(tree.values()));
  for (const id of below) {
    const row = context.departments.get(id) as DepartmentRecord;
    const moved = { ...row.department, path: ancestorPath(id, tree) };
    const after: DirectoryDepartment = { ...moved, status: departmentStatus(moved, context) };
    tree.set(id, after);
    // rows out of scope are re-pathed too, without a published change: paths must not depend on arrival order
    if (changedFields(row.department, after).length === 0) continue;
    review.writes.push({ entity: 'department', record: { ...row, department: after } });
    const op = departmentChangeOp(row.department, after);
    if (op) review.changes.push({ entity: 'department', entityId: id, op, before: row.department, after });
  }
  reviewMembers(new Set([rootId, ...below]), tree, context, review);
  return review;
}

function reviewMembers(
  subtree: ReadonlySet<string>,
  tree: ReadonlyMap<string, DirectoryDepartment>,
  context: ReconcileContext,
  review: SubtreeReview,
): void {
  const paths = { get: (id: string) => tree.get(id)?.path };
  for (const row of context.subtreeMembers ?? []) {
    if (!row.user.departmentIds.some((id) => subtree.has(id))) continue;
    review.memberIds.push(row.user.openId);
    const inScope = isUserInScope(row.user, paths, context.groupMemberIds ?? new Set(), context.scope);
    const after: DirectoryUser = { ...row.user, status: effectiveUserStatus(row.larkStatus, inScope) };
    if (after.status === row.user.status) continue;
    review.writes.push({ entity: 'user', record: { ...row, user: after } });
    const op = userChangeOp(row.user, after);
    if (op) review.changes.push({ entity: 'user', entityId: after.openId, op, before: row.user, after });
  }
}
