import { DataSource } from 'typeorm';
import { DirectoryDepartment, DirectoryUser } from '@app/contracts';
import { EntityWrite } from '@app/directory-domain';
import { OrgWriter } from '../apps/directory/src/org-store';
import { OutboxWriter } from '../apps/directory/src/org-store/outbox.writer';
import { aDepartment, aUser } from '../apps/directory/src/testing/org-factories';

export interface SeedShape {
  users: number;
  departments: number;
}

/** Department ids are `od-<i>`; 1/50 of them are top-level, the rest hang under those. */
export function departmentIdOf(index: number): string {
  return `od-${index}`;
}

export function userIdOf(index: number): string {
  return `ou_${index}`;
}

function departments(count: number): DirectoryDepartment[] {
  const tops = Math.max(1, Math.floor(count / 50));
  return Array.from({ length: count }, (_, i) => {
    const parentId = i < tops ? null : departmentIdOf(i % tops);
    return aDepartment({
      openDepartmentId: departmentIdOf(i),
      name: `Dept ${i}`,
      parentId,
      path: parentId ? [parentId] : [],
      order: i,
    });
  });
}

function users(shape: SeedShape, from: number, to: number): DirectoryUser[] {
  return Array.from({ length: to - from }, (_, k) => {
    const i = from + k;
    const department = departmentIdOf(i % shape.departments);
    return aUser({
      openId: userIdOf(i),
      unionId: `on_${i}`,
      name: `User ${i}`,
      email: `u${i}@example.com`,
      departmentIds: [department],
      primaryDepartmentId: department,
    });
  });
}

/**
 * Writes the org straight through the OrgWriter (no change log, no outbox: the directory starts with these
 * rows already published), `sourceVersion` an hour ago so later events are newer. Returns the time taken.
 */
export async function seedOrg(
  dataSource: DataSource,
  idpId: string,
  shape: SeedShape,
  chunk = 5000,
): Promise<number> {
  const started = Date.now();
  const writer = new OrgWriter(new OutboxWriter());
  const version = { sourceVersion: Date.now() - 3_600_000, sourceEventId: null };
  const write = (writes: EntityWrite[]) =>
    dataSource.transaction((manager) =>
      writer.apply(manager, idpId, { writes, changes: [] }, { kind: 'sync', runId: 'bench-seed' }),
    );
  const all = departments(shape.departments);
  for (let i = 0; i < all.length; i += chunk)
    await write(
      all
        .slice(i, i + chunk)
        .map((department) => ({ entity: 'department', record: { department, ...version } })),
    );
  for (let i = 0; i < shape.users; i += chunk) {
    const batch = users(shape, i, Math.min(shape.users, i + chunk));
    await write(
      batch.map((user) => ({ entity: 'user', record: { user, larkStatus: 'active', ...version } })),
    );
  }
  return Date.now() - started;
}
