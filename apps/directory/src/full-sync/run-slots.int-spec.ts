import { runMigrations } from '@app/persistence';
import { LarkSimulator, startLarkSimulator } from '../../../../test/lark-simulator';
import { FullSyncService } from './full-sync.service';
import { FullSyncHarness, startFullSyncHarness } from '../../test/full-sync-harness';

describe('full syncs per replica (real Kafka and PostgreSQL, the simulator as Lark)', () => {
  let sim: LarkSimulator;
  let harness: FullSyncHarness;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    sim = await startLarkSimulator({ seed: 5, users: 80, departments: 8, speedFactor: 20 });
    harness = await startFullSyncHarness(sim, { maxConcurrentRuns: 1 });
  });

  afterAll(async () => {
    await harness?.app.get(FullSyncService).idle();
    await harness?.close();
    await sim?.stop();
  });

  it('runs one at a time with one slot, the others queued, all succeeding', async () => {
    const idps = [await harness.createIdp(), await harness.createIdp(), await harness.createIdp()];
    const started = [];
    for (const idpId of idps) started.push(await harness.startSync(idpId));
    const runs = [];
    for (const run of started) runs.push(await harness.waitForRun(run.id));

    expect(runs.map((run) => run.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    // commands of different IdPs may be consumed in any order: what holds is that no two runs overlap
    const windows = runs
      .map((run) => [Date.parse(run.startedAt!), Date.parse(run.finishedAt!)])
      .sort(([a], [b]) => a - b);
    for (let index = 1; index < windows.length; index += 1)
      expect(windows[index][0]).toBeGreaterThanOrEqual(windows[index - 1][1]);
  });
});
