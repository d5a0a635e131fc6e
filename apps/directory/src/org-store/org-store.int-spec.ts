import { DataSource } from 'typeorm';
import { DirectoryChange, DirectoryDepartment, DirectoryUser } from '@app/contracts';
import type { EntityChange, EntityWrite } from '@app/directory-domain';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { aDepartment, anIdpId, aUser } from '../testing/org-factories';
import { OrgReader } from './org.reader';
import { OrgWriter } from './org.writer';
import { OutboxWriter } from './outbox.writer';

const cause = { kind: 'event', eventId: 'ev-1' } as const;

function departmentWrite(department: DirectoryDepartment, sourceVersion: number): EntityWrite {
  return { entity: 'department', record: { department, sourceVersion, sourceEventId: 'ev-1' } };
}

function userWrite(user: DirectoryUser, sourceVersion: number): EntityWrite {
  return {
    entity: 'user',
    record: {
      user,
      larkStatus: user.status === 'out_of_scope' ? 'active' : user.status,
      sourceVersion,
      sourceEventId: 'ev-1',
    },
  };
}

function created(after: DirectoryDepartment | DirectoryUser): EntityChange {
  return 'openId' in after
    ? { entity: 'user', entityId: after.openId, op: 'created', before: null, after }
    : { entity: 'department', entityId: after.openDepartmentId, op: 'created', before: null, after };
}

describe('OrgWriter and OrgReader (real PostgreSQL)', () => {
  const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 'org-store-int-spec'));
  const writer = new OrgWriter(new OutboxWriter());
  const reader = new OrgReader(dataSource);
  const idpId = anIdpId();

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    await dataSource.initialize();
  });

  afterAll(() => dataSource.destroy());

  it('should upsert rows, bump versions, log changes and queue them in the outbox in one transaction', async () => {
    const root = aDepartment({ name: 'Root' });
    const child = aDepartment({ parentId: root.openDepartmentId, path: [root.openDepartmentId] });
    const user = aUser({ departmentIds: [child.openDepartmentId, 'od-unknown'] });
    const first = await dataSource.transaction((manager) =>
      writer.apply(
        manager,
        idpId,
        {
          writes: [departmentWrite(root, 10), departmentWrite(child, 10), userWrite(user, 11)],
          changes: [created(root), created(child), created(user)],
        },
        cause,
      ),
    );
    const renamed = { ...root, name: 'Root 2' };
    const second = await dataSource.transaction((manager) =>
      writer.apply(
        manager,
        idpId,
        {
          writes: [departmentWrite(renamed, 12)],
          changes: [
            {
              entity: 'department',
              entityId: root.openDepartmentId,
              op: 'updated',
              before: root,
              after: renamed,
            },
            { entity: 'user', entityId: user.openId, op: 'moved', before: user, after: user },
          ],
        },
        cause,
      ),
    );
    expect([...first, ...second].map((change) => [change.entityId, change.version])).toEqual([
      [root.openDepartmentId, 1],
      [child.openDepartmentId, 1],
      [user.openId, 1],
      [root.openDepartmentId, 2],
      [user.openId, 2],
    ]);
    const [stored] = await reader.departmentsByIds(idpId, [root.openDepartmentId]);
    expect(stored).toMatchObject({
      department: renamed,
      version: 2,
      sourceVersion: 12,
      sourceEventId: 'ev-1',
    });
    expect(
      (await reader.descendants(idpId, root.openDepartmentId)).map((d) => d.department.openDepartmentId),
    ).toEqual([child.openDepartmentId]);
    expect(
      (await reader.usersOfDepartment(idpId, root.openDepartmentId, true)).map((u) => u.user.openId),
    ).toEqual([user.openId]);
    expect(
      (await reader.history(idpId, 'user', user.openId)).map((entry) => [entry.op, entry.version]),
    ).toEqual([
      ['created', 1],
      ['moved', 2],
    ]);
    const outbox: { key: string; value: string }[] = await dataSource.query(
      `SELECT key, value FROM outbox WHERE key LIKE $1 ORDER BY id`,
      [`${idpId}:%`],
    );
    expect(outbox.map((row) => (JSON.parse(row.value) as DirectoryChange).changeId)).toEqual(
      [...first, ...second].map((change) => change.changeId),
    );
    expect(outbox[2].key).toBe(`${idpId}:${user.openId}`);
  });

  it('should keep a silent marker write without publishing anything', async () => {
    const hidden = aUser({ status: 'out_of_scope' });
    const published = await dataSource.transaction((manager) =>
      writer.apply(manager, idpId, { writes: [userWrite(hidden, 5)], changes: [] }, cause),
    );
    expect(published).toEqual([]);
    expect(await reader.usersByIds(idpId, [hidden.openId])).toEqual([
      expect.objectContaining({ version: 0, sourceVersion: 5 }),
    ]);
  });

  it('should refuse an entity twice in one change set', async () => {
    const department = aDepartment();
    await expect(
      dataSource.transaction((manager) =>
        writer.apply(
          manager,
          idpId,
          { writes: [departmentWrite(department, 1), departmentWrite(department, 2)], changes: [] },
          cause,
        ),
      ),
    ).rejects.toThrow(/twice in writes/);
  });

  it('should write nothing when the transaction rolls back', async () => {
    const department = aDepartment();
    await expect(
      dataSource.transaction(async (manager) => {
        await writer.apply(
          manager,
          idpId,
          { writes: [departmentWrite(department, 1)], changes: [created(department)] },
          cause,
        );
        expect(await writer.claimEvents(manager, idpId, ['ev-rollback'])).toEqual(new Set(['ev-rollback']));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await reader.departmentsByIds(idpId, [department.openDepartmentId])).toEqual([]);
    expect(await reader.history(idpId, 'department', department.openDepartmentId)).toEqual([]);
    expect(
      await dataSource.transaction((manager) => writer.claimEvents(manager, idpId, ['ev-rollback'])),
    ).toEqual(new Set(['ev-rollback']));
    expect(
      await dataSource.transaction((manager) =>
        writer.claimEvents(manager, idpId, ['ev-rollback', 'ev-new']),
      ),
    ).toEqual(new Set(['ev-new']));
  });
});
