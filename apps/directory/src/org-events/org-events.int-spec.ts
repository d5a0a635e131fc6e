import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DirectoryChange, FullSyncCommand, LarkEventEnvelope, Topics } from '@app/contracts';
import { MessagePublisher } from '@app/kafka';
import { createLogger } from '@app/logging';
import { runMigrations } from '@app/persistence';
import { eventually } from '@app/testing';
import { insertIdp, startDirectoryApp, TEST_ADMIN_TOKEN, TestDirectoryApp } from '../testing/directory-app';
import { ProcessedEventRetentionService } from './processed-event-retention.service';
import { aDepartmentEvent, aLarkEvent, aUserEvent, toRecord } from '../testing/lark-event-factories';
import { TopicRecorder } from '../../../../libs/kafka/src/testing';

describe('lark.events.v1 consumer (real Kafka and PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  let db: DataSource;
  let publisher: MessagePublisher;
  let idpId: string;
  let changes: TopicRecorder;

  async function publish(...events: LarkEventEnvelope[]): Promise<void> {
    await publisher.publish(Topics.larkEvents, events.map(toRecord));
  }

  async function processed(...events: LarkEventEnvelope[]): Promise<void> {
    await eventually(`${events.length} events processed`, async () => {
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM processed_event WHERE event_id = ANY($1)`,
        [events.map((e) => e.eventId)],
      );
      return count === events.length;
    });
  }

  async function apply(...events: LarkEventEnvelope[]): Promise<void> {
    await publish(...events);
    await processed(...events);
  }

  const department = async (id: string, idp = idpId) =>
    (await db.query(`SELECT * FROM department WHERE idp_id = $1 AND open_department_id = $2`, [idp, id]))[0];
  const user = async (id: string, idp = idpId) =>
    (await db.query(`SELECT * FROM directory_user WHERE idp_id = $1 AND open_id = $2`, [idp, id]))[0];
  const log = async (id: string): Promise<{ op: string; version: number }[]> =>
    db.query(`SELECT op, version FROM change_log WHERE idp_id = $1 AND entity_id = $2 ORDER BY id`, [
      idpId,
      id,
    ]);

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(
      createLogger('org-events-int-spec', process.env.TEST_LOG_LEVEL ?? 'silent'),
      `directory-test-${randomUUID()}`,
    );
    db = directory.dataSource;
    publisher = directory.app.get(MessagePublisher);
    idpId = await insertIdp(db);
    changes = new TopicRecorder(directory.app.get(Kafka), {
      topics: Topics.directoryChanges,
      keep: (key) => key.startsWith(`${idpId}:`),
    });
    await changes.start();
  });

  afterAll(async () => {
    await changes?.stop();
    await directory?.app.close();
  });

  it('should build the tree from out-of-order creations and re-path a moved subtree, reporting its users as moved', async () => {
    await apply(
      aDepartmentEvent(idpId, 'created', { id: 'od-c', parent: 'od-b' }, 3),
      aDepartmentEvent(idpId, 'created', { id: 'od-b', parent: 'od-a' }, 2),
      aDepartmentEvent(idpId, 'created', { id: 'od-a' }, 1),
      aUserEvent(idpId, 'created', { id: 'ou_1', departments: ['od-c'] }, 4),
      aUserEvent(idpId, 'created', { id: 'ou_2', departments: ['od-b', 'od-later'] }, 5),
    );
    expect((await department('od-c')).path).toEqual(['od-a', 'od-b']);
    expect((await user('ou_2')).department_ids).toEqual(['od-b', 'od-later']);
    await apply(aDepartmentEvent(idpId, 'created', { id: 'od-d' }, 6));
    // the arrival order across partitions decides how often paths were completed so far: count from here
    const logged = { ou_1: (await log('ou_1')).length, ou_2: (await log('ou_2')).length };
    const loggedChild = (await log('od-c')).length;
    await apply(aDepartmentEvent(idpId, 'updated', { id: 'od-b', parent: 'od-d', name: 'Moved' }, 7));
    expect(await department('od-b')).toMatchObject({ parent_id: 'od-d', path: ['od-d'], name: 'Moved' });
    expect((await department('od-c')).path).toEqual(['od-d', 'od-b']);
    for (const [id, count] of Object.entries(logged)) {
      expect((await log(id)).slice(count).map((entry) => entry.op)).toEqual(['moved']);
    }
    expect((await log('ou_1'))[0].op).toBe('created');
    // the descendant's own parent did not change: the domain reports its new path as an update
    expect((await log('od-c')).slice(loggedChild).map((entry) => entry.op)).toEqual(['updated']);
  });

  it('should update and resign users, delete departments, and publish every change to directory.changes.v1', async () => {
    const version = (await user('ou_1')).version as number;
    await apply(aUserEvent(idpId, 'updated', { id: 'ou_1', departments: ['od-c'], name: 'Renamed' }, 8));
    expect(await user('ou_1')).toMatchObject({ name: 'Renamed', status: 'active', version: version + 1 });
    await apply(aUserEvent(idpId, 'deleted', { id: 'ou_1', departments: ['od-c'], resigned: true }, 9));
    expect(await user('ou_1')).toMatchObject({ status: 'resigned', version: version + 2 });
    await apply(aDepartmentEvent(idpId, 'deleted', { id: 'od-a' }, 10));
    expect((await department('od-a')).status).toBe('deleted');
    const logged: { count: number }[] = await db.query(
      `SELECT count(*)::int AS count FROM change_log WHERE idp_id = $1`,
      [idpId],
    );
    const records = await changes.waitFor('every change', (seen) => seen.length >= logged[0].count && seen);
    const published = records.map((record) => JSON.parse(record.value!) as DirectoryChange);
    const ofUser = published.filter((change) => change.entityId === 'ou_1');
    expect(ofUser.map((change) => change.version)).toEqual(ofUser.map((_, index) => index + 1));
    expect(ofUser.slice(-2).map((change) => change.op)).toEqual(['updated', 'deactivated']);
    expect(records.find((record) => record.key === `${idpId}:ou_1`)).toBeDefined();
  });

  it("should serve the tree, the users of a subtree and a user's history through the read API", async () => {
    const get = async (url: string) =>
      JSON.parse(
        (await directory.app.inject({ url, headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).body,
      );
    const tree = await get(`/api/idps/${idpId}/departments`);
    const d = tree.find((node: { openDepartmentId: string }) => node.openDepartmentId === 'od-d');
    expect(d.children.map((node: { openDepartmentId: string }) => node.openDepartmentId)).toEqual(['od-b']);
    expect(d.children[0].children.map((node: { openDepartmentId: string }) => node.openDepartmentId)).toEqual(
      ['od-c'],
    );
    const direct = await get(`/api/idps/${idpId}/users?departmentId=od-d`);
    const recursive = await get(`/api/idps/${idpId}/users?departmentId=od-d&recursive=true`);
    expect(direct).toEqual([]);
    expect(recursive.map((u: { openId: string }) => u.openId).sort()).toEqual(['ou_1', 'ou_2']);
    const history = await get(`/api/idps/${idpId}/users/ou_1/history`);
    expect(history.at(-1)).toMatchObject({ op: 'deactivated', cause: { kind: 'event' } });
  });

  it('should change nothing for a duplicate event nor apply a stale one', async () => {
    const before = await db.query(`SELECT count(*)::int AS count FROM change_log WHERE idp_id = $1`, [idpId]);
    const duplicate = aUserEvent(idpId, 'updated', { id: 'ou_2', departments: ['od-b'], name: 'Once' }, 20);
    await apply(duplicate);
    await publish(duplicate);
    const stale = aUserEvent(idpId, 'updated', { id: 'ou_2', departments: ['od-b'], name: 'Too late' }, 11);
    await apply(stale);
    expect(await user('ou_2')).toMatchObject({ name: 'Once', source_event_id: duplicate.eventId });
    const after = await db.query(`SELECT count(*)::int AS count FROM change_log WHERE idp_id = $1`, [idpId]);
    expect(after[0].count).toBe(before[0].count + 1);
  });

  it('should forget applied event ids after 30 days, and still not apply an old event that comes again', async () => {
    const first = aUserEvent(idpId, 'updated', { id: 'ou_2', departments: ['od-b'], name: 'First' }, 60);
    const second = aUserEvent(idpId, 'updated', { id: 'ou_2', departments: ['od-b'], name: 'Second' }, 61);
    await apply(first, second);
    const ids = [first.eventId, second.eventId];
    await db.query(
      `UPDATE processed_event SET processed_at = now() - interval '31 days' WHERE idp_id = $1 AND event_id = ANY($2)`,
      [idpId, ids],
    );
    await directory.app.get(ProcessedEventRetentionService).prune();
    const kept = await db.query(
      `SELECT event_id FROM processed_event WHERE idp_id = $1 AND event_id = ANY($2)`,
      [idpId, ids],
    );
    expect(kept).toEqual([]);
    const logged = await log('ou_2');

    await apply(first);

    expect(await user('ou_2')).toMatchObject({ name: 'Second', source_event_id: second.eventId });
    expect(await log('ou_2')).toEqual(logged);
  });

  it('should dead-letter a poison message and go on with the rest of the batch', async () => {
    const key = `${idpId}:poison`;
    const dlq = new TopicRecorder(directory.app.get(Kafka), {
      topics: `${Topics.larkEvents}.dlq`,
      keep: (recordKey) => recordKey.startsWith(key),
    });
    await dlq.start();
    const after = aDepartmentEvent(idpId, 'created', { id: 'od-after-poison' }, 30);
    await publisher.publish(Topics.larkEvents, [{ key, value: '{"not":"an event"}' }, toRecord(after)]);
    await processed(after);
    const [dead] = await dlq.waitFor('the dead letter', (seen) => seen.length === 1 && seen);
    expect(dead.headers['larksync-error']).toMatch(/eventType/);
    await dlq.stop();
  });

  it('should request a full sync through the outbox when the scope changes', async () => {
    const commands = new TopicRecorder(directory.app.get(Kafka), {
      topics: Topics.directoryCommands,
      keep: (key) => key.startsWith(idpId),
    });
    await commands.start();
    const event = aLarkEvent(idpId, 'contact.scope.updated_v3', 40, {
      added: { departments: [] },
      removed: { departments: [] },
    });
    await apply(event);
    const [record] = await commands.waitFor('the full-sync command', (seen) => seen.length === 1 && seen);
    expect(JSON.parse(record.value!) as FullSyncCommand).toMatchObject({
      idpId,
      reason: 'scope-change',
      commandId: `scope-change:${event.eventId}`,
    });
    await commands.stop();
  });

  it('should ignore events outside a partial scope and mark an entity leaving it as out of scope, not resigned', async () => {
    const partial = await insertIdp(db, { mode: 'partial', departmentIds: ['od-in'], groupIds: [] });
    await apply(
      aDepartmentEvent(partial, 'created', { id: 'od-in' }, 1),
      aDepartmentEvent(partial, 'created', { id: 'od-out' }, 1),
    );
    await apply(
      aUserEvent(partial, 'created', { id: 'ou_in', departments: ['od-in'] }, 2),
      aUserEvent(partial, 'created', { id: 'ou_out', departments: ['od-out'] }, 2),
    );
    expect((await user('ou_in', partial)).status).toBe('active');
    expect((await user('ou_out', partial))?.status ?? 'out_of_scope').toBe('out_of_scope');
    await apply(aUserEvent(partial, 'updated', { id: 'ou_in', departments: ['od-out'] }, 3));
    expect((await user('ou_in', partial)).status).toBe('out_of_scope');
    const ops = await db.query(`SELECT op FROM change_log WHERE idp_id = $1 AND entity_id = 'ou_out'`, [
      partial,
    ]);
    expect(ops).toEqual([]);
  });
});
