import { eventually } from '@app/testing';
import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { FaultCluster } from './fault-cluster';
import { runOrgTraffic } from './org-traffic';
import { FaultReport } from './scenario-figures';
import { runScenario, ScenarioOutcome } from './scenario-run';
import { describeDifferences } from './view-diff';
import { compareWithTruth } from './views';

/*
 * The fault suite: the built apps as real processes, replicated, under faults; after each scenario the directory,
 * sase.subjects.v1 and the query API must equal the simulator's org. Event counts are scaled to a 2-core CI runner
 * (docs/reliability.md).
 */
const USERS = 200;
const EVENTS_PER_SCENARIO = 400;
const BROKER_EVENTS = 200;
/** Deliveries refused while the broker is down are retried by Lark after 15 s, then 5 min: wait for the second retry. */
const BROKER_CONVERGE_TIMEOUT_MS = 420_000;

describe('fault suite', () => {
  const cleanup = new CleanupStack();
  const report = new FaultReport();
  let cluster: FaultCluster;

  beforeAll(async () => {
    cluster = await FaultCluster.start({ users: USERS, seed: 18, cleanup });
    const sync = await cluster.fullSync();
    expect(sync.status).toBe('succeeded');
  }, 300_000);

  afterAll(() => cleanup.run(), 120_000);

  function expectNothingLost({ figures, differences, lostEventIds }: ScenarioOutcome): void {
    report.record(figures);
    expect({
      lost: figures.lost,
      lostEventIds: lostEventIds.slice(0, 10),
      appliedTwice: figures.appliedTwice,
      wronglyDeactivated: figures.wronglyDeactivated,
      differences: describeDifferences(differences),
    }).toEqual({ lost: 0, lostEventIds: [], appliedTwice: 0, wronglyDeactivated: 0, differences: '' });
  }

  it('starts from a full sync that every view agrees with', async () => {
    // The sync's changes reach the topic and the projector as a stream: wait for them, then nothing may differ.
    const { differences } = await eventually(
      'the views to agree with the full sync',
      async () => {
        const comparison = await compareWithTruth(cluster);
        return comparison.differences.length === 0 && comparison;
      },
      120_000,
    ).catch(() => compareWithTruth(cluster));
    expect(describeDifferences(differences)).toBe('');
  });

  it('(4) event storm: 30 % duplicates, reordering, older events delivered after newer ones', async () => {
    const delivery = cluster.simulator.delivery;
    const outcome = await runScenario(cluster, 'event storm', async () => {
      delivery.chaos = { duplicateProbability: 0.3, reorderWindow: 12 };
      try {
        return await runOrgTraffic(cluster, { events: EVENTS_PER_SCENARIO, seed: 4 });
      } finally {
        delivery.chaos = {};
        delivery.releaseHeld();
      }
    });
    expectNothingLost(outcome);
  });

  it('(2) a directory replica SIGKILLed mid-batch twice, a projector replica SIGKILLed, all restarted', async () => {
    const restarts: Promise<void>[] = [];
    const killAndRestart = (app: 'directory' | 'policy-projector', index: number) => {
      const replica = cluster.replica(app, index);
      restarts.push(cluster.kill(replica).then(() => cluster.restart(replica)));
    };
    const kills = new Map<number, () => void>([
      [Math.floor(EVENTS_PER_SCENARIO * 0.25), () => killAndRestart('directory', 0)],
      [Math.floor(EVENTS_PER_SCENARIO * 0.5), () => killAndRestart('policy-projector', 1)],
      [Math.floor(EVENTS_PER_SCENARIO * 0.75), () => killAndRestart('directory', 1)],
    ]);
    const outcome = await runScenario(cluster, 'replicas SIGKILLed', async () => {
      const traffic = await runOrgTraffic(cluster, {
        events: EVENTS_PER_SCENARIO,
        seed: 2,
        onProgress: (emitted) => {
          for (const [at, kill] of kills)
            if (emitted >= at) {
              kills.delete(at);
              kill();
            }
        },
      });
      await Promise.all(restarts);
      return traffic;
    });
    expectNothingLost(outcome);
  });

  it('(3) PostgreSQL connections of the apps terminated mid-transaction (pg_terminate_backend)', async () => {
    const terminations: { backends: number; midTransaction: number }[] = [];
    const at = [Math.floor(EVENTS_PER_SCENARIO / 3), Math.floor((EVENTS_PER_SCENARIO * 2) / 3)];
    const outcome = await runScenario(cluster, 'PostgreSQL backends terminated', () =>
      runOrgTraffic(cluster, {
        events: EVENTS_PER_SCENARIO,
        seed: 3,
        onProgress: async (emitted) => {
          if (at.length && emitted >= at[0]) {
            at.shift();
            terminations.push(await cluster.terminateAppBackends());
          }
        },
      }),
    );
    outcome.figures.extra = { terminations };
    expect(terminations.every((termination) => termination.backends > 0)).toBe(true);
    expectNothingLost(outcome);
  });
  it('(1) a stream of contact events while the Kafka broker is stopped and restarted', async () => {
    let outage: Promise<void> | undefined;
    const outcome = await runScenario(
      cluster,
      'broker stopped and restarted',
      async () => {
        const traffic = await runOrgTraffic(cluster, {
          events: BROKER_EVENTS,
          seed: 1,
          onProgress: (emitted) => {
            if (outage || emitted < BROKER_EVENTS / 3) return;
            outage = cluster.broker.halt().then(() => cluster.broker.resume());
          },
        });
        await outage;
        return traffic;
      },
      BROKER_CONVERGE_TIMEOUT_MS,
    );
    expectNothingLost(outcome);
  });
});
