/**
 * Full-sync benchmark (real Kafka + PostgreSQL; the Lark simulator in a child process):
 * a manual full sync of BENCH_USERS users / BENCH_DEPARTMENTS departments with the simulator's
 * speed factor (Lark's limits × factor, same proportions), then a second run with nothing changed, each
 * started on a fresh rate-limit minute.
 * Prints wall time against the rate-limit floor, requests, peak RSS of this process (the directory's
 * full sync, in-process, under the directory's shipped node flags) and the diff+apply time.
 * Run: npm run build && node dist/deploy/local/src/with-infra.js -- node dist/bench/full-sync.js
 */
import { spawnSync } from 'node:child_process';
import { getHeapStatistics } from 'node:v8';
import { DataSource } from 'typeorm';
import { runMigrations } from '@app/persistence';
import { FullSyncService } from '../apps/directory/src/full-sync/full-sync.service';
import { SyncRunView } from '../apps/directory/src/full-sync/sync-run.repository';
import { FullSyncHarness, startFullSyncHarness } from '../apps/directory/test/full-sync-harness';
import { APP_NODE_ARGS } from '../deploy/local/src/app-process';
import { LarkSimulator } from '../test/lark-simulator';
import { instrumentPhases, PhaseTimes } from './full-sync-phases';
import { mb, RssSampler } from './full-sync-rss';
import { minimalFloor, OrgSize, SimulatorProcess, startSimulatorProcess } from './full-sync-simulator';

const SIZE: OrgSize = {
  users: Number(process.env.BENCH_USERS ?? 100_000),
  departments: Number(process.env.BENCH_DEPARTMENTS ?? 5_000),
  seed: Number(process.env.BENCH_SEED ?? 42),
  speedFactor: Number(process.env.BENCH_SPEED_FACTOR ?? 3),
};

async function waitForRun(harness: FullSyncHarness, runId: string): Promise<SyncRunView> {
  for (;;) {
    const { body } = await harness.request('GET', `/api/sync-runs/${runId}`);
    if (!['queued', 'running'].includes(body.status)) return body as SyncRunView;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function writtenRows(
  dataSource: DataSource,
  idpId: string,
): Promise<{ changeLog: number; outbox: number }> {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*)::int FROM change_log WHERE idp_id = $1) AS "changeLog", (SELECT count(*)::int FROM outbox) AS outbox`,
    [idpId],
  );
  return row;
}

/** The simulator's (and Lark's) rate limits are fixed wall-clock windows; the floor assumes a run starts on a fresh one. */
async function untilNextMinute(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() % 60_000) + 50));
}

interface RunReport {
  run: SyncRunView;
  wallMs: number;
  requests: number;
  throttled: number;
  phases: PhaseTimes;
  finishedAt: number;
  /** The simulator's floor over the requests this run made (admitted ones). */
  madeFloorSeconds: number;
}

async function syncOnce(
  harness: FullSyncHarness,
  sim: SimulatorProcess,
  idpId: string,
  phases: ReturnType<typeof instrumentPhases>,
): Promise<RunReport> {
  await untilNextMinute();
  await sim.resetStats();
  phases.reset();
  const started = Date.now();
  const { body } = await harness.request('POST', `/api/idps/${idpId}/sync`);
  const run = await waitForRun(harness, body.id);
  const finishedAt = Date.now();
  const stats = await sim.stats();
  const endpoints = Object.values(stats.endpoints);
  return {
    run,
    wallMs: finishedAt - started,
    requests: endpoints.reduce((sum, e) => sum + e.requests, 0),
    throttled: endpoints.reduce((sum, e) => sum + e.throttled, 0),
    phases: { ...phases.times },
    finishedAt,
    madeFloorSeconds: stats.rateLimitFloorSeconds,
  };
}

function printMemory(rss: RssSampler, report: RunReport, baseline: number): void {
  const reads = rss.peakBetween(report.phases.fetchStart!, report.phases.fetchEnd!);
  const after = rss.peakBetween(report.phases.fetchEnd!, report.finishedAt);
  console.log(
    `  peak RSS while reading ${mb(reads.rss)} (heap used ${mb(reads.heapUsed)}), during diff+apply ${mb(after.rss)} (heap used ${mb(after.heapUsed)}); baseline after boot ${mb(baseline)}`,
  );
}

function printRun(label: string, report: RunReport, floorSeconds: number): void {
  const { run, phases } = report;
  const fetchMs = phases.fetchEnd! - phases.fetchStart!;
  console.log(
    `${label}: status ${run.status}, wall ${(report.wallMs / 1000).toFixed(1)} s (run record ${((run.durationMs ?? 0) / 1000).toFixed(1)} s), errors ${JSON.stringify(run.errors)}`,
  );
  console.log(
    `  Lark reads ${(fetchMs / 1000).toFixed(1)} s; requests ${report.requests} (429s ${report.throttled}; simulator floor over them ${report.madeFloorSeconds} s); wall / floor ${(report.wallMs / 1000 / floorSeconds).toFixed(2)}x, reads / floor ${(fetchMs / 1000 / floorSeconds).toFixed(2)}x`,
  );
  console.log(
    `  diff+apply (snapshot complete → run finished) ${((report.finishedAt - phases.fetchEnd!) / 1000).toFixed(2)} s: current-state reads ${phases.stateReadMs} ms, apply ${phases.applyMs} ms (${phases.applyCalls} calls; summed over chunks: replan reads ${phases.replanReadMs} ms, OrgWriter ${phases.writerMs} ms of which change_log + outbox ${phases.publishMs} ms)`,
  );
  console.log(
    `  counts ${JSON.stringify(run.counts)}, drift ${run.drift}, progress ${JSON.stringify(run.progress)}`,
  );
}

/** Runs this script again under the directory's node flags (its heap cap) unless it already is. */
function asShipped(): boolean {
  const flags = APP_NODE_ARGS.directory ?? [];
  if (flags.every((flag) => process.execArgv.includes(flag))) return true;
  const child = spawnSync(process.execPath, [...process.execArgv, ...flags, __filename], {
    stdio: 'inherit',
  });
  process.exitCode = child.status ?? 1;
  return false;
}

async function main(): Promise<void> {
  if (!asShipped()) return;
  console.log(`node ${process.execArgv.join(' ')}: heap limit ${mb(getHeapStatistics().heap_size_limit)}`);
  await runMigrations(process.env.DATABASE_URL!);
  const limits = { perSecond: 50 * SIZE.speedFactor, perMinute: 1000 * SIZE.speedFactor };
  console.log(
    `org ${SIZE.users} users / ${SIZE.departments} departments (seed ${SIZE.seed}), speed factor ${SIZE.speedFactor}: ${limits.perSecond}/s and ${limits.perMinute}/min per endpoint`,
  );
  const simStarted = Date.now();
  const sim = await startSimulatorProcess(SIZE);
  console.log(
    `simulator (child process) ready in ${((Date.now() - simStarted) / 1000).toFixed(1)} s at ${sim.url}`,
  );
  let harness: FullSyncHarness | undefined;
  const rss = new RssSampler().start(100);
  try {
    harness = await startFullSyncHarness({ url: sim.url } as LarkSimulator, { defaultRateLimit: limits });
    const phases = instrumentPhases(harness.app);
    const idpId = await harness.createIdp();
    const baseline = process.memoryUsage().rss;
    rss.reset();
    const first = await syncOnce(harness, sim, idpId, phases);
    const firstPeak = rss.peak;
    const afterFirst = await writtenRows(harness.app.get(DataSource), idpId);
    rss.reset();
    const second = await syncOnce(harness, sim, idpId, phases);
    const secondPeak = rss.peak;
    const afterSecond = await writtenRows(harness.app.get(DataSource), idpId);
    rss.stop();

    const floor = minimalFloor(SIZE);
    const floorSeconds = Math.max(floor.fixedWindowFloorSeconds, floor.simFloorSeconds);
    console.log(
      `rate-limit floor: fewest requests ${JSON.stringify(floor.needed)} → ${floorSeconds} s (fixed-window admission of the last request; simulator formula ${floor.simFloorSeconds} s)`,
    );
    printRun('run 1 (empty directory)', first, floorSeconds);
    console.log(
      `  peak RSS ${mb(firstPeak)} (baseline after boot ${mb(baseline)}; +${mb(firstPeak - baseline)}); rows written: change_log ${afterFirst.changeLog}, outbox ${afterFirst.outbox}`,
    );
    printMemory(rss, first, baseline);
    printRun('run 2 (nothing changed)', second, floorSeconds);
    console.log(
      `  peak RSS ${mb(secondPeak)}; rows written by run 2: change_log +${afterSecond.changeLog - afterFirst.changeLog}, outbox +${afterSecond.outbox - afterFirst.outbox}`,
    );
    printMemory(rss, second, baseline);
  } finally {
    rss.stop();
    await harness?.app.get(FullSyncService).idle();
    await harness?.close();
    await sim.stop();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
