import type { UserStatus } from '@app/contracts';
import {
  DepartmentRecord,
  departmentChangeOp,
  EntityChange,
  EntityWrite,
  isSameEntity,
  isSameUser,
  SnapshotDiff,
  UserRecord,
  userChangeOp,
} from '@app/directory-domain';

// Full-sync glue around the domain's diffSnapshot: pure, so it is tested by tables.

/** One entity to write: its new row and, when subscribers see a difference, the change. */
export interface SyncItem {
  write: EntityWrite;
  change: EntityChange | null;
}

function keyOf(entity: string, id: string): string {
  return `${entity}:${id}`;
}

export function itemKey({ write }: SyncItem): { entity: 'user' | 'department'; id: string } {
  return write.entity === 'user'
    ? { entity: 'user', id: write.record.user.openId }
    : { entity: 'department', id: write.record.department.openDepartmentId };
}

const GONE = new Set(['resigned', 'out_of_scope', 'deleted']);

/** Anything that takes an entity out of the directory (whatever the op: a frozen user who resigns is an update). */
export function isDeactivation(change: EntityChange | null): boolean {
  const before = change?.before ?? null;
  return change !== null && before !== null && GONE.has(change.after.status) && !GONE.has(before.status);
}

/** Pairs the diff's writes with their changes: departments first, deactivations set apart (the guard may hold them). */
export function planItems(diff: SnapshotDiff): { upserts: SyncItem[]; deactivations: SyncItem[] } {
  const changes = new Map<string, EntityChange>();
  for (const change of [...diff.creates, ...diff.updates, ...diff.moves, ...diff.deactivations])
    changes.set(keyOf(change.entity, change.entityId), change);
  const items = diff.writes.map((write): SyncItem => {
    const item: SyncItem = { write, change: null };
    const { entity, id } = itemKey(item);
    return { write, change: changes.get(keyOf(entity, id)) ?? null };
  });
  const ordered = [
    ...items.filter((item) => item.write.entity === 'department'),
    ...items.filter((item) => item.write.entity === 'user'),
  ];
  return {
    upserts: ordered.filter((item) => !isDeactivation(item.change)),
    deactivations: ordered.filter((item) => isDeactivation(item.change)),
  };
}

/**
 * The item again, against the row as it is at apply time: dropped when an event wrote the row after
 * the snapshot began (or wrote exactly this), its change rebuilt from the current row otherwise.
 */
export function replanItem(
  item: SyncItem,
  current: DepartmentRecord | UserRecord | undefined,
  takenAt: number,
): SyncItem | null {
  if (current && current.sourceVersion > takenAt) return null;
  const { write } = item;
  if (write.entity === 'department') {
    const before = (current as DepartmentRecord | undefined)?.department ?? null;
    const after = write.record.department;
    if (before && isSameEntity(before, after)) return null;
    const op = departmentChangeOp(before, after);
    return {
      write,
      change: op ? { entity: 'department', entityId: after.openDepartmentId, op, before, after } : null,
    };
  }
  const row = current as UserRecord | undefined;
  const after = write.record.user;
  if (row && row.larkStatus === write.record.larkStatus && isSameUser(row.user, after)) return null;
  const op = userChangeOp(row?.user ?? null, after);
  return {
    write,
    change: op ? { entity: 'user', entityId: after.openId, op, before: row?.user ?? null, after } : null,
  };
}

export type SyncCounts = {
  created: number;
  updated: number;
  moved: number;
  deactivated: number;
  unchanged: number;
};

export function countChanges(items: readonly SyncItem[], unchanged = 0): SyncCounts {
  const counts: SyncCounts = { created: 0, updated: 0, moved: 0, deactivated: 0, unchanged };
  for (const { change } of items) {
    if (change === null) continue;
    if (change.op === 'deleted' || change.op === 'deactivated' || isDeactivation(change))
      counts.deactivated++;
    else counts[change.op]++;
  }
  return counts;
}

export function addCounts(a: SyncCounts, b: SyncCounts): SyncCounts {
  return {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    moved: a.moved + b.moved,
    deactivated: a.deactivated + b.deactivated,
    unchanged: a.unchanged + b.unchanged,
  };
}

/** Scheduled runs follow the IdP's "synchronise user information"; manual and scope-change runs follow the command. */
export function shouldSyncUsers(
  trigger: 'scheduled' | 'manual' | 'scope-change',
  commandIncludeUsers: boolean | undefined,
  idpSyncUserInfo: boolean,
): boolean {
  return trigger === 'scheduled' ? idpSyncUserInfo : (commandIncludeUsers ?? true);
}

export function isActiveUser(status: UserStatus): boolean {
  return status !== 'resigned' && status !== 'out_of_scope';
}
