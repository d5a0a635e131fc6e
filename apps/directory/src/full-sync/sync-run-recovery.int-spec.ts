import { DataSource } from 'typeorm';
import { runMigrations } from '@app/persistence';
import { eventually } from '@app/testing';
import { LarkSimulator, startLarkSimulator } from '../../../../test/lark-simulator';
import { FullSyncService } from './full-sync.service';
import { SyncRunView } from './sync-run.repository';
import { expectedOrg, FullSyncHarness, startFullSyncHarness } from '../../test/full-sync-harness';

const SPEED = 20;
/**
 * Other suites' directories share the database with the defaults (heartbeat 10 s, stale after 60 s): runs left
 * untouched for 30 s are stale to this suite's directory only, and theirs are never silent that long.
 */
const STALE_AFTER_MS = 20_000;
const UNTOUCHED = '30 seconds';

describe('full-sync runs whose worker stopped (real PostgreSQL and Kafka)', () => {
  let sim: LarkSimulator;
  let harness: FullSyncHarness;

  /** A run as a worker that died left it: untouched for longer than the stale time. */
  async function orphanRun(idpId: string, fields: { commandId: string; merged: string[]; attempt: number }) {
    const [{ id }] = await harness.app.get(DataSource).query(
      `INSERT INTO sync_run (idp_id, trigger, command_id, merged_command_ids, status, include_users, attempt,
         requested_at, started_at, updated_at)
       VALUES ($1, 'scheduled', $2, $3, 'running', true, $4, now() - interval '1 minute', now() - interval '1 minute',
         now() - $5::interval)
       RETURNING id`,
      [idpId, fields.commandId, fields.merged, fields.attempt, UNTOUCHED],
    );
    return id as string;
  }

  async function interruptedTotal(): Promise<number> {
    const { body } = await harness.app.inject({ method: 'GET', url: '/metrics' });
    return Number(/^larksync_full_sync_interrupted_total\{[^}]*\} (\d+)/m.exec(body)?.[1] ?? 0);
  }

  /** A run of a new IdP, slowed by the simulator, that has made its first requests. */
  async function slowRunUnderway(delayMs: number): Promise<{ idpId: string; runId: string }> {
    const idpId = await harness.createIdp();
    sim.faults.add({ endpoint: 'contact.user.find_by_department', kind: 'slow', delayMs, times: 2 });
    const started = await harness.startSync(idpId);
    await harness.waitForRun(started.id, (run) => (run.progress.requests ?? 0) > 0);
    return { idpId, runId: started.id };
  }

  async function runs(idpId: string): Promise<SyncRunView[]> {
    return (await harness.request('GET', `/api/idps/${idpId}/sync-runs`)).body;
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    sim = await startLarkSimulator({ seed: 11, users: 60, departments: 8, speedFactor: SPEED });
    harness = await startFullSyncHarness(sim, {
      defaultRateLimit: { perSecond: 50 * SPEED, perMinute: 1000 * SPEED },
      heartbeatMs: 100,
      staleAfterMs: STALE_AFTER_MS,
    });
  });

  afterAll(async () => {
    await harness?.app.get(FullSyncService).idle();
    await harness?.close();
    await sim?.stop();
  });

  afterEach(() => sim.faults.clear());

  it('should fail an interrupted run and run it again, carrying the commands merged into it', async () => {
    const idpId = await harness.createIdp();
    const orphan = await orphanRun(idpId, { commandId: 'cmd-dead', merged: ['cmd-merged'], attempt: 1 });

    const retry = await eventually(
      'the run queued again to finish',
      async () => (await runs(idpId)).find((run) => run.id !== orphan && run.status === 'succeeded') ?? null,
      20_000,
    );

    expect(retry).toMatchObject({
      trigger: 'scheduled',
      attempt: 2,
      commandId: `retry-of:${orphan}`,
      mergedCommandIds: ['cmd-merged', 'cmd-dead'],
      errors: [],
    });
    expect((await harness.request('GET', `/api/sync-runs/${orphan}`)).body).toMatchObject({
      status: 'failed',
      errors: [{ message: 'interrupted: its worker stopped; queued again as attempt 2' }],
    });
    const stored = await harness.storedOrg(idpId);
    expect(stored.users).toHaveLength(expectedOrg(sim).users.length);
    const redelivered = await harness.app.get(FullSyncService).accept({
      type: 'full-sync',
      commandId: 'cmd-merged',
      idpId,
      reason: 'scheduled',
      includeUsers: true,
      requestedAt: new Date().toISOString(),
    });
    expect(redelivered.id).toBe(retry.id);
  });

  it('should not queue again a run interrupted on its last attempt', async () => {
    const idpId = await harness.createIdp();
    const interruptedBefore = await interruptedTotal();
    const orphan = await orphanRun(idpId, { commandId: 'cmd-last', merged: [], attempt: 3 });

    const failed = await eventually(
      'the interrupted run to fail',
      async () => {
        const run = (await harness.request('GET', `/api/sync-runs/${orphan}`)).body as SyncRunView;
        return run.status === 'failed' ? run : null;
      },
      10_000,
    );

    expect(failed.errors).toEqual([
      { message: 'interrupted: its worker stopped on attempt 3 of 3; not queued again' },
    ]);
    expect((await runs(idpId)).map((run) => run.id)).toEqual([orphan]);
    expect(await interruptedTotal()).toBe(interruptedBefore + 1);
  });

  it('should keep a run alive while its worker is on it, however long since its last progress', async () => {
    const { idpId, runId } = await slowRunUnderway(2_000);

    await harness.app
      .get(DataSource)
      .query(`UPDATE sync_run SET updated_at = now() - $2::interval WHERE id = $1`, [runId, UNTOUCHED]);
    const run = await harness.waitForRun(runId);

    expect(run).toMatchObject({ status: 'succeeded', attempt: 1, errors: [] });
    expect(await runs(idpId)).toHaveLength(1);
  });

  it('should keep the record of a run another instance took as interrupted, when its worker ends after all', async () => {
    const { runId } = await slowRunUnderway(1_000);

    await harness.app
      .get(DataSource)
      .query(`UPDATE sync_run SET status = 'failed', errors = '[{"message":"taken over"}]' WHERE id = $1`, [
        runId,
      ]);
    await harness.app.get(FullSyncService).idle();

    expect((await harness.request('GET', `/api/sync-runs/${runId}`)).body).toMatchObject({
      status: 'failed',
      errors: [{ message: 'taken over' }],
    });
  });
});
