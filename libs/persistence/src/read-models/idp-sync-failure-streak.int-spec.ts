import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appDatabaseUrl } from '@app/testing';
import { dataSourceOptions, runMigrations } from '../data-source';
import { IdpSyncFailureStreakReader } from './idp-sync-failure-streak';

type RunSeed = 'succeeded' | 'failed' | 'held' | 'running' | 'failed-dry-run';

const cases: [string, RunSeed[], number][] = [
  ['no runs', [], 0],
  ['only successes', ['succeeded', 'succeeded'], 0],
  ['two failures in a row', ['failed', 'failed'], 2],
  ['a success between failures', ['failed', 'failed', 'succeeded', 'failed'], 1],
  ['held runs between failures', ['succeeded', 'failed', 'held', 'failed'], 2],
  ['a run still going', ['failed', 'running'], 1],
  ['dry runs', ['failed-dry-run', 'failed', 'failed-dry-run'], 1],
];
const idpIds = cases.map(() => randomUUID());

describe('IdpSyncFailureStreakReader, as the scheduler, against real PostgreSQL', () => {
  const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 'failure-streak-int-spec'));
  let scheduler: DataSource;
  let reader: IdpSyncFailureStreakReader;

  async function seedRuns(idpId: string, runs: RunSeed[]): Promise<void> {
    await dataSource.query(`INSERT INTO idp (id, name, sealed_credentials) VALUES ($1, $2, 'sealed')`, [
      idpId,
      `failure-streak-${idpId}`,
    ]);
    for (const [index, run] of runs.entries()) {
      const finished = run === 'running' ? null : new Date(Date.UTC(2030, 0, 1, index));
      await dataSource.query(
        `INSERT INTO sync_run (idp_id, trigger, command_id, status, dry_run, include_users, finished_at)
         VALUES ($1, 'scheduled', $2, $3, $4, true, $5)`,
        [idpId, randomUUID(), run.replace('-dry-run', ''), run.endsWith('dry-run'), finished],
      );
    }
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    await dataSource.initialize();
    const schedulerUrl = await appDatabaseUrl('scheduler', process.env.DATABASE_URL!);
    scheduler = await new DataSource(dataSourceOptions(schedulerUrl, 'failure-streak-int-spec')).initialize();
    reader = new IdpSyncFailureStreakReader(scheduler);
    for (const [index, [, runs]] of cases.entries()) await seedRuns(idpIds[index], runs);
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM idp WHERE id = ANY($1)`, [idpIds]);
    await Promise.all([dataSource.destroy(), scheduler?.destroy()]);
  });

  it.each(cases.map(([label, , failures], index) => [label, failures, index]))(
    'should count consecutive failures with %s as %i',
    async (_, failures, index) => {
      const counts = await reader.consecutiveFailures(idpIds);
      expect(counts.get(idpIds[index as number]) ?? 0).toBe(failures);
    },
  );

  it('should answer an empty list without a query', async () => {
    expect(await reader.consecutiveFailures([])).toEqual(new Map());
  });
});
