/**
 * Diff + apply of a full sync without the Lark reads (real PostgreSQL): the simulator's org (BENCH_USERS /
 * BENCH_DEPARTMENTS, seed 42) as a snapshot, applied to an empty directory, then again unchanged, then with
 * 1 % of the users renamed. Prints wall time, this process's CPU and PostgreSQL's CPU (its backends for
 * this database, read from /proc) and WAL written per phase: robust on a shared machine. BENCH_CHUNK: rows per transaction.
 * Run: npm run build && node dist/deploy/local/src/with-infra.js -- node dist/bench/full-sync-apply.js
 */
import { DataSource } from 'typeorm';
import { DirectorySnapshot, diffSnapshot } from '@app/directory-domain';
import { runMigrations } from '@app/persistence';
import { OrgReader } from '../apps/directory/src/org-store';
import { planItems } from '../apps/directory/src/full-sync/sync-items';
import { SyncApplier } from '../apps/directory/src/full-sync/sync.applier';
import { expectedOrg, startFullSyncHarness } from '../apps/directory/test/full-sync-harness';
import { generateOrg, LarkSimulator, OrgStore } from '../test/lark-simulator';
import { cpuUsedMs, postgresBackends, readCpu } from './process-cpu';

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 5_000);

async function main(): Promise<void> {
  await runMigrations(process.env.DATABASE_URL!);
  const org = new OrgStore(generateOrg({ seed: 42, users: USERS, departments: DEPARTMENTS }));
  const expected = expectedOrg({ org } as LarkSimulator);
  const chunkSize = process.env.BENCH_CHUNK ? Number(process.env.BENCH_CHUNK) : undefined;
  const applyConcurrency = process.env.BENCH_APPLY_CONCURRENCY
    ? Number(process.env.BENCH_APPLY_CONCURRENCY)
    : undefined;
  const harness = await startFullSyncHarness({ url: 'http://127.0.0.1:9' } as LarkSimulator, {
    chunkSize,
    applyConcurrency,
  });
  const dataSource = harness.app.get(DataSource);
  const state = harness.app.get(OrgReader);
  const applier = harness.app.get(SyncApplier);
  const idpId = await harness.createIdp();
  const round = async (label: string, users: DirectorySnapshot['users']) => {
    const snapshot: DirectorySnapshot = {
      takenAt: Date.now(),
      complete: true,
      departments: expected.departments,
      users,
    };
    const load = (await import('node:os')).loadavg()[0].toFixed(1);
    const cpu = process.cpuUsage();
    const pgCpu = readCpu(await postgresBackends(dataSource));
    const [{ lsn }] = await dataSource.query(`SELECT pg_current_wal_lsn() AS lsn`);
    const started = Date.now();
    const current = { departments: await state.departments(idpId), users: await state.users(idpId) };
    const read = Date.now();
    const diff = diffSnapshot(current, snapshot, { scope: { mode: 'all' } });
    const plan = planItems(diff);
    const diffed = Date.now();
    const counts = await applier.apply(idpId, 'bench', plan.upserts, snapshot.takenAt);
    const applied = Date.now();
    const used = process.cpuUsage(cpu);
    const pg = cpuUsedMs(pgCpu, readCpu(await postgresBackends(dataSource))) / 1000;
    const [{ wal }] = await dataSource.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS wal`, [
      lsn,
    ]);
    console.log(
      `${label}: read ${read - started} ms, diff ${diffed - read} ms, apply ${applied - diffed} ms; node CPU ${((used.user + used.system) / 1e6).toFixed(1)} s, PostgreSQL CPU ${pg.toFixed(1)} s, WAL ${(Number(wal) / 1024 / 1024).toFixed(0)} MB; load ${load}; ${JSON.stringify(counts)}`,
    );
  };
  try {
    await round('first (empty directory)', expected.users);
    await round('second (nothing changed)', expected.users);
    await round(
      'third (1 % renamed)',
      expected.users.map((user, i) => (i % 100 === 0 ? { ...user, name: `${user.name} B` } : user)),
    );
  } finally {
    await harness.close();
  }
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
