import { DataSource } from 'typeorm';
import { DirectoryChange } from '@app/contracts';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { aDepartment, anIdpId, aUser } from '../testing/org-factories';
import { OrgReader } from './org-reader';
import { OrgWriter } from './org-writer';
import { OutboxWriter } from './outbox-writer';

describe('OrgWriter and OrgReader (real PostgreSQL)', () => {
  const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 'org-store-int-spec'));
  const writer = new OrgWriter(new OutboxWriter());
  const reader = new OrgReader(dataSource);
  const idpId = anIdpId();
  const cause = { kind: 'event', eventId: 'ev-1' } as const;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    await dataSource.initialize();
  });

  afterAll(() => dataSource.destroy());

  it('should upsert rows, bump versions, log changes and queue them in the outbox in one transaction', async () => {
    const root = aDepartment({ name: 'Root' });
    const child = aDepartment({ parentId: root.openDepartmentId, path: [root.openDepartmentId] });
    const user = aUser({ departmentIds: [child.openDepartmentId, 'od-unknown'] });
    const published = await dataSource.transaction((manager) =>
      writer.apply(manager, idpId, [
        { entity: 'department', op: 'created', before: null, after: root, sourceVersion: 10 },
        { entity: 'department', op: 'created', before: null, after: child, sourceVersion: 10 },
        { entity: 'user', op: 'created', before: null, after: user, sourceVersion: 11 },
        { entity: 'department', op: 'updated', before: root, after: { ...root, name: 'Root 2' }, sourceVersion: 12 },
      ], cause),
    );
    expect(published.map((change) => [change.entityId, change.version])).toEqual([
      [root.openDepartmentId, 1], [child.openDepartmentId, 1], [user.openId, 1], [root.openDepartmentId, 2],
    ]);
    const [stored] = await reader.departmentsByIds(idpId, [root.openDepartmentId]);
    expect(stored).toMatchObject({ name: 'Root 2', version: 2, sourceVersion: 12 });
    expect(await reader.descendants(idpId, root.openDepartmentId)).toEqual([expect.objectContaining({ openDepartmentId: child.openDepartmentId })]);
    expect((await reader.usersOfDepartment(idpId, root.openDepartmentId, true)).map((u) => u.openId)).toEqual([user.openId]);
    expect(await reader.history(idpId, 'user', user.openId)).toEqual([expect.objectContaining({ op: 'created', version: 1, cause })]);
    const outbox: { key: string; value: string }[] = await dataSource.query(
      `SELECT key, value FROM outbox WHERE key LIKE $1 ORDER BY id`, [`${idpId}:%`]);
    expect(outbox.map((row) => (JSON.parse(row.value) as DirectoryChange).changeId)).toEqual(published.map((change) => change.changeId));
    expect(outbox[2].key).toBe(`${idpId}:${user.openId}`);
  });

  it('should write nothing when the transaction rolls back', async () => {
    const department = aDepartment();
    await expect(dataSource.transaction(async (manager) => {
      await writer.apply(manager, idpId, [{ entity: 'department', op: 'created', before: null, after: department, sourceVersion: 1 }], cause);
      await writer.recordProcessedEvents(manager, idpId, ['ev-rollback']);
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await reader.departmentsByIds(idpId, [department.openDepartmentId])).toEqual([]);
    expect(await reader.history(idpId, 'department', department.openDepartmentId)).toEqual([]);
    expect(await reader.processedEventIds(idpId, ['ev-rollback'])).toEqual(new Set());
  });
});
