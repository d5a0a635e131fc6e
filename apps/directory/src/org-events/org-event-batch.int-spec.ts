import { DataSource } from 'typeorm';
import { LarkEventEnvelope } from '@app/contracts';
import { createLogger } from '@app/logging';
import { runMigrations } from '@app/persistence';
import { insertIdp, startDirectoryApp, TestDirectoryApp } from '../testing/directory-app';
import { aDepartmentEvent, aLarkEvent, aUserEvent, toRecord } from '../testing/lark-event-factories';
import { parseLarkEvent } from './lark-event-parser';
import { OrgEventBatchService } from './org-event-batch.service';

/** A sequence that repeats entities, resolves a forward reference, moves a subtree and mixes in stale, duplicate and scope events. */
function aSequence(idpId: string): LarkEventEnvelope[] {
  const updated = aUserEvent(idpId, 'updated', { id: 'ou_1', departments: ['od-b'], name: 'Renamed' }, 4);
  return [
    aDepartmentEvent(idpId, 'created', { id: 'od-a' }, 1),
    aDepartmentEvent(idpId, 'created', { id: 'od-b', parent: 'od-a' }, 2),
    aUserEvent(idpId, 'created', { id: 'ou_1', departments: ['od-b'] }, 3),
    updated,
    aUserEvent(idpId, 'created', { id: 'ou_2', departments: ['od-c'] }, 5),
    aDepartmentEvent(idpId, 'created', { id: 'od-c', parent: 'od-b' }, 6),
    aUserEvent(idpId, 'updated', { id: 'ou_1', departments: ['od-b'], name: 'Too late' }, 2),
    aDepartmentEvent(idpId, 'created', { id: 'od-d' }, 7),
    aDepartmentEvent(idpId, 'updated', { id: 'od-b', parent: 'od-d', name: 'Moved' }, 8),
    aUserEvent(idpId, 'updated', { id: 'ou_1', departments: ['od-c'], name: 'Renamed again' }, 9),
    updated,
    aLarkEvent(idpId, 'contact.scope.updated_v3', 10, { added: { departments: [] }, removed: { departments: [] } }),
    aUserEvent(idpId, 'deleted', { id: 'ou_2', departments: ['od-c'], resigned: true }, 11),
    aUserEvent(idpId, 'created', { id: 'ou_3', departments: ['od-d'] }, 12),
  ];
}

describe('OrgEventBatchService (real PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  let db: DataSource;
  let batches: OrgEventBatchService;

  const parse = (event: LarkEventEnvelope) => parseLarkEvent({ value: Buffer.from(toRecord(event).value) });

  /** Rows, change log and outbox of an IdP with event ids replaced by their position in the sequence. */
  async function state(idpId: string, events: LarkEventEnvelope[]): Promise<unknown> {
    const text = (value: unknown) => events.reduce((json, event, index) => json.split(event.eventId).join(`#${index}`), JSON.stringify(value));
    const departments = await db.query(`SELECT open_department_id, name, parent_id, path, status, source_version, source_event_id, version
      FROM department WHERE idp_id = $1 ORDER BY open_department_id`, [idpId]);
    const users = await db.query(`SELECT open_id, name, department_ids, status, lark_status, source_version, source_event_id, version
      FROM directory_user WHERE idp_id = $1 ORDER BY open_id`, [idpId]);
    const log = await db.query(`SELECT entity, entity_id, op, before, after, cause, version FROM change_log WHERE idp_id = $1 ORDER BY id`, [idpId]);
    const outbox: { topic: string; value: string }[] = await db.query(`SELECT topic, value FROM outbox WHERE value LIKE $1 ORDER BY id`, [`%${idpId}%`]);
    const messages = outbox.map(({ topic, value }) => {
      const { changeId, occurredAt, ...rest } = JSON.parse(value) as Record<string, unknown>;
      return { topic, ...rest, changeId: typeof changeId, occurredAt: typeof occurredAt };
    });
    return JSON.parse(text({ departments, users, log, messages }).split(idpId).join('<idp>'));
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(createLogger('org-event-batch-int-spec', process.env.TEST_LOG_LEVEL ?? 'silent'));
    db = directory.dataSource;
    batches = directory.app.get(OrgEventBatchService);
  });

  afterAll(() => directory?.app.close());

  it.each([
    ['the whole org', { mode: 'all' }],
    ['a partial scope', { mode: 'partial', departmentIds: ['od-d'], groupIds: [] }],
  ])('should leave the same rows, change log and outbox as one event at a time when applied as one batch (%s)', async (_, scope) => {
    const one = await insertIdp(db, scope);
    const batched = await insertIdp(db, scope);
    const singles = aSequence(one);
    const batch = aSequence(batched);
    const outcomes: string[] = [];
    for (const event of singles) outcomes.push(...(await batches.apply([parse(event)])).map((result) => result.outcome));
    const batchOutcomes = (await batches.apply(batch.map(parse))).map((result) => result.outcome);
    expect(batchOutcomes).toEqual(outcomes);
    expect(outcomes).toContain('stale');
    expect(outcomes).toContain('duplicate');
    expect(await state(batched, batch)).toEqual(await state(one, singles));
  });

  it('should write nothing of a batch whose event fails, so that the transport can isolate it', async () => {
    const idpId = await insertIdp(db);
    const good = aUserEvent(idpId, 'created', { id: 'ou_ok', departments: [] }, 1);
    const bad = parse(aUserEvent(idpId, 'created', { id: 'ou_bad', departments: [] }, 2));
    const poisoned = { ...bad, payload: { object: null } };
    await expect(batches.apply([parse(good), poisoned])).rejects.toThrow();
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM change_log WHERE idp_id = $1`, [idpId]);
    expect(count).toBe(0);
    await expect(batches.apply([parse(good)])).resolves.toEqual([expect.objectContaining({ outcome: 'applied' })]);
  });
});
