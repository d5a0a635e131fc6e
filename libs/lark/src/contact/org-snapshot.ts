import { LarkDepartment, LarkUser } from './contact-types';
import { LarkContactClient } from './lark-contact-client';
import { runWorkQueue } from './work-queue';

export const ROOT_DEPARTMENT = '0';

/** What to read: everything the app may see, or the selected departments (with subtrees) and user groups. */
export type SnapshotScope =
  { mode: 'all' } | { mode: 'partial'; departmentIds: string[]; groupIds: string[] };

export interface SnapshotProgress {
  departments: number;
  users: number;
  pages: number;
  requests: number;
  rateLimitWaits: number;
}

export interface OrgSnapshotOptions<U> {
  scope: SnapshotScope;
  includeUsers: boolean;
  /** Requests in flight at once; the pacer keeps them under the rate limit. */
  concurrency?: number;
  /** Maps each user as it arrives, so only the mapped form stays in memory. */
  mapUser: (user: LarkUser) => U;
  onProgress?: (progress: SnapshotProgress) => void;
  now?: () => Date;
}

/** A complete read of the org: built only when every page was fetched; any failure throws instead. */
export interface OrgSnapshot<U> {
  /** When reading started: state older than any change that happened since. */
  takenAt: Date;
  departments: LarkDepartment[];
  /** Keyed by open_id; null when users were not read. */
  users: Map<string, U> | null;
  /** Open ids of the members of the scope's selected user groups (read only with users). */
  groupMemberIds: Set<string>;
}

type Task = { kind: 'children' | 'users'; departmentId: string };

/** Fetches the org per §6.6: scopes, departments (batch + BFS), users per department, scoped users, group members. */
export async function fetchOrgSnapshot<U>(
  client: LarkContactClient,
  options: OrgSnapshotOptions<U>,
): Promise<OrgSnapshot<U>> {
  const takenAt = (options.now ?? (() => new Date()))();
  const departments = new Map<string, LarkDepartment>();
  const users = new Map<string, U>();
  const report = () =>
    options.onProgress?.({
      departments: departments.size,
      users: users.size,
      pages: client.stats.pages,
      requests: client.stats.requests,
      rateLimitWaits: client.stats.rateLimitWaits,
    });
  const addUsers = (found: LarkUser[]) =>
    found.forEach((user) => users.has(user.open_id) || users.set(user.open_id, options.mapUser(user)));
  const roots = await resolveRoots(client, options.scope);
  const rootIds = roots.departmentIds.filter((id) => id !== ROOT_DEPARTMENT);
  for (const department of await client.departmentsByIds(rootIds))
    departments.set(department.open_department_id, department);
  const startIds = [...departments.keys(), ...roots.departmentIds.filter((id) => id === ROOT_DEPARTMENT)];
  const initial = startIds.flatMap((departmentId): Task[] => taskPair(departmentId, options.includeUsers));
  await runWorkQueue<Task>(initial, options.concurrency ?? 8, async (task, enqueue) => {
    if (task.kind === 'users') addUsers(await client.usersInDepartment(task.departmentId));
    else {
      for (const child of await client.children(task.departmentId)) {
        if (departments.has(child.open_department_id)) continue;
        departments.set(child.open_department_id, child);
        taskPair(child.open_department_id, options.includeUsers).forEach(enqueue);
      }
    }
    report();
  });
  const groupMemberIds = new Set<string>();
  if (options.includeUsers) {
    (await groupMembers(client, roots.groupIds)).forEach((id) => groupMemberIds.add(id));
    addUsers(
      await client.usersByIds(unique([...roots.userIds, ...groupMemberIds]).filter((id) => !users.has(id))),
    );
  }
  report();
  return {
    takenAt,
    departments: [...departments.values()],
    users: options.includeUsers ? users : null,
    groupMemberIds,
  };
}

function taskPair(departmentId: string, includeUsers: boolean): Task[] {
  return includeUsers
    ? [
        { kind: 'children', departmentId },
        { kind: 'users', departmentId },
      ]
    : [{ kind: 'children', departmentId }];
}

async function resolveRoots(
  client: LarkContactClient,
  scope: SnapshotScope,
): Promise<{ departmentIds: string[]; userIds: string[]; groupIds: string[] }> {
  if (scope.mode === 'partial')
    return { departmentIds: unique(scope.departmentIds), userIds: [], groupIds: unique(scope.groupIds) };
  const granted = await client.scopes();
  return { departmentIds: unique(granted.departmentIds), userIds: unique(granted.userIds), groupIds: [] };
}

async function groupMembers(client: LarkContactClient, groupIds: string[]): Promise<string[]> {
  const members: string[] = [];
  for (const groupId of groupIds) members.push(...(await client.groupMemberOpenIds(groupId)));
  return members;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}
