import { DataSource } from 'typeorm';
import { LarkEventEnvelope } from '@app/contracts';
import { createLogger } from '@app/logging';
import { runMigrations } from '@app/persistence';
import { insertIdp, startDirectoryApp, TestDirectoryApp } from '../testing/directory-app';
import { aDepartmentEvent, aLarkEvent, aUserEvent, toRecord } from '../testing/lark-event-factories';
import { parseLarkEventsMessage } from './lark-events-message.parser';
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
    aLarkEvent(idpId, 'contact.scope.updated_v3', 10, {
      added: { departments: [] },
      removed: { departments: [] },
    }),
    aUserEvent(idpId, 'deleted', { id: 'ou_2', departments: ['od-c'], resigned: true }, 11),
    aUserEvent(idpId, 'created', { id: 'ou_3', departments: ['od-d'] }, 12),
  ];
}

describe('OrgEventBatchService (real PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  let db: DataSource;
  let batches: OrgEventBatchService;

  const parse = (event: LarkEventEnvelope) =>
    parseLarkEventsMessage({ value: Buffer.from(toRecord(event).value) });

  /** Rows, change log and outbox of an IdP with event ids replaced by their position in the sequence. */
  async function state(idpId: string, events: LarkEventEnvelope[]): Promise<unknown> {
    const text = (value: unknown) =>
      events.reduce(
        (json, event, index) => json.split(event.eventId).join(`#${index}`),
        JSON.stringify(value),
      );
    const departments = await db.query(
      `SELECT open_department_id, name, parent_id, path, status, source_version, source_event_id, version
      FROM department WHERE idp_id = $1 ORDER BY open_department_id`,
      [idpId],
    );
    const users = await db.query(
      `SELECT open_id, name, department_ids, status, lark_status, source_version, source_event_id, version
      FROM directory_user WHERE idp_id = $1 ORDER BY open_id`,
      [idpId],
    );
    const log = await db.query(
      `SELECT entity, entity_id, op, before, after, cause, version FROM change_log WHERE idp_id = $1 ORDER BY id`,
      [idpId],
    );
    const outbox: { topic: string; value: string }[] = await db.query(
      `SELECT topic, value FROM outbox WHERE value LIKE $1 ORDER BY id`,
      [`%${idpId}%`],
    );
    const messages = outbox.map(({ topic, value }) => {
      const { changeId, occurredAt, ...rest } = JSON.parse(value) as Record<string, unknown>;
      return { topic, ...rest, changeId: typeof changeId, occurredAt: typeof occurredAt };
    });
    return JSON.parse(text({ departments, users, log, messages }).split(idpId).join('<idp>'));
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(
      createLogger('org-event-batch-int-spec', process.env.TEST_LOG_LEVEL ?? 'silent'),
    );
    db = directory.dataSource;
    batches = directory.app.get(OrgEventBatchService);
  });

  afterAll(() => directory?.app.close());

  /** Applies `setup` one event at a time to two IdPs, then `sequence` one at a time to the first and as one batch to the second. */
  async function compare(
    scope: unknown,
    setup: (idpId: string) => LarkEventEnvelope[],
    sequence: (idpId: string) => LarkEventEnvelope[],
  ): Promise<string[]> {
    const one = await insertIdp(db, scope);
    const batched = await insertIdp(db, scope);
    const [setupOne, setupBatched] = [setup(one), setup(batched)];
    for (const event of [...setupOne, ...setupBatched]) await batches.reconcileBatch([parse(event)]);
    const singles = sequence(one);
    const batch = sequence(batched);
    const outcomes: string[] = [];
    for (const event of singles)
      outcomes.push(...(await batches.reconcileBatch([parse(event)])).map((result) => result.outcome));
    const batchOutcomes = (await batches.reconcileBatch(batch.map(parse))).map((result) => result.outcome);
    expect(batchOutcomes).toEqual(outcomes);
    expect(await state(batched, [...setupBatched, ...batch])).toEqual(
      await state(one, [...setupOne, ...singles]),
    );
    return outcomes;
  }

  it.each([
    ['the whole org', { mode: 'all' }],
    ['a partial scope', { mode: 'partial', departmentIds: ['od-d'], groupIds: [] }],
  ])(
    'should leave the same rows, change log and outbox as one event at a time when applied as one batch (%s)',
    async (_, scope) => {
      const outcomes = await compare(scope, () => [], aSequence);
      expect(outcomes).toContain('stale');
      expect(outcomes).toContain('duplicate');
    },
  );

  it('should decide a batch of user events on the stored paths of the departments they name', async () => {
    const scope = { mode: 'partial', departmentIds: ['od-in'], groupIds: [] };
    const tree = (idpId: string) => [
      aDepartmentEvent(idpId, 'created', { id: 'od-in' }, 1),
      aDepartmentEvent(idpId, 'created', { id: 'od-below', parent: 'od-in' }, 2),
      aDepartmentEvent(idpId, 'created', { id: 'od-out' }, 3),
      aUserEvent(idpId, 'created', { id: 'ou_leaving', departments: ['od-below'] }, 4),
    ];
    const users = (idpId: string) => {
      const deleted = aUserEvent(idpId, 'deleted', { id: 'ou_leaving', departments: [] }, 9);
      deleted.payload.old_object = { department_ids: ['od-below'] };
      return [
        aUserEvent(idpId, 'created', { id: 'ou_in', departments: ['od-below'] }, 5),
        aUserEvent(idpId, 'created', { id: 'ou_out', departments: ['od-out'] }, 6),
        aUserEvent(idpId, 'updated', { id: 'ou_in', departments: ['od-out'] }, 7),
        aUserEvent(idpId, 'updated', { id: 'ou_out', departments: ['od-out', 'od-below'] }, 8),
        deleted,
      ];
    };
    const outcomes = await compare(scope, tree, users);
    expect(outcomes).toEqual(['applied', 'ignored_out_of_scope', 'applied', 'applied', 'applied']);
  });

  it('should write nothing of a batch whose event fails, so that the transport can isolate it', async () => {
    const idpId = await insertIdp(db);
    const good = aUserEvent(idpId, 'created', { id: 'ou_ok', departments: [] }, 1);
    const bad = parse(aUserEvent(idpId, 'created', { id: 'ou_bad', departments: [] }, 2));
    const poisoned = { ...bad, payload: { object: null } };
    await expect(batches.reconcileBatch([parse(good), poisoned])).rejects.toThrow();
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM change_log WHERE idp_id = $1`, [
      idpId,
    ]);
    expect(count).toBe(0);
    await expect(batches.reconcileBatch([parse(good)])).resolves.toEqual([
      expect.objectContaining({ outcome: 'applied' }),
    ]);
  });
});
