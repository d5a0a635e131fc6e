import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { topicSpecs, Topics } from '@app/contracts';
import { MessagePublisher, provisionTopics } from '@app/kafka';
import { testKafkaClient } from '../../../libs/kafka/src/testing/test-kafka-client';
import { createLogger } from '@app/logging';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { appDatabaseUrl, eventually } from '@app/testing';
import { insertIdp } from './testing/directory-app';
import { aUserEvent, toRecord } from './testing/lark-event-factories';

// Runs the built app (npm run build first): a real process, killed with SIGKILL mid-stream.
const MAIN = join(__dirname, '../../../dist/apps/directory/src/main.js');
const USERS = 400;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('directory app killed mid-stream (SIGKILL) and restarted', () => {
  const db = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 'directory-crash-e2e'));
  const logger = createLogger('directory-crash-e2e', 'silent');
  const kafka = testKafkaClient('directory-crash-e2e', logger);
  const publisher = new MessagePublisher(kafka);
  const env = {
    ...process.env,
    LOG_LEVEL: 'error',
    LARKSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
    LARKSYNC_ADMIN_TOKEN: 'crash-test-admin-token-0123',
    KAFKA_CONSUMER_GROUP: `directory-crash-${randomBytes(4).toString('hex')}`,
  };
  let child: ChildProcess | undefined;
  const stderr: string[] = [];

  async function startApp(): Promise<ChildProcess> {
    const started = spawn(process.execPath, [MAIN], {
      env: {
        ...env,
        DATABASE_URL: await appDatabaseUrl('directory', process.env.DATABASE_URL!),
        PORT: String(await freePort()),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    started.stderr?.on('data', (chunk) => stderr.push(String(chunk)));
    return started;
  }

  const processedCount = async (idpId: string): Promise<number> =>
    (await db.query(`SELECT count(*)::int AS count FROM processed_event WHERE idp_id = $1`, [idpId]))[0]
      .count;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    await db.initialize();
    const admin = kafka.admin();
    await admin.connect();
    await provisionTopics(admin, topicSpecs);
    await admin.disconnect();
    await publisher.connect();
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    await publisher.disconnect();
    await db.destroy();
  });

  it('should lose nothing and apply nothing twice', async () => {
    const idpId = await insertIdp(db);
    const events = Array.from({ length: USERS }, (_, i) => [
      aUserEvent(idpId, 'created', { id: `ou_${i}`, departments: ['od-1'] }, 1000 + i),
      aUserEvent(idpId, 'updated', { id: `ou_${i}`, departments: ['od-1'], name: `Renamed ${i}` }, 5000 + i),
    ]).flat();
    child = await startApp();
    await publisher.publish(Topics.larkEvents, events.slice(0, 50).map(toRecord));
    await eventually(
      `the first events applied ${stderr.join('')}`,
      async () => (await processedCount(idpId)) > 0,
      60_000,
    );
    // The rest arrives while the app consumes; it is killed as the last of it is acknowledged.
    for (let i = 50; i < events.length; i += 50)
      await publisher.publish(Topics.larkEvents, events.slice(i, i + 50).map(toRecord));
    child.kill('SIGKILL');
    const atKill = await processedCount(idpId);
    child = await startApp();
    await eventually(
      'every event applied',
      async () => (await processedCount(idpId)) === events.length,
      90_000,
    );
    const perUser: { versions: number[] }[] = await db.query(
      `SELECT array_agg(version ORDER BY id) AS versions FROM change_log WHERE idp_id = $1 GROUP BY entity_id`,
      [idpId],
    );
    expect(atKill).toBeLessThan(events.length);
    expect(perUser).toHaveLength(USERS);
    expect(perUser.every((row) => row.versions.join() === '1,2')).toBe(true);
    const [{ unpublished }] = await eventually(
      'the outbox drained',
      async () => {
        const rows = await db.query(
          `SELECT count(*)::int AS unpublished FROM outbox WHERE key LIKE $1 AND published_at IS NULL`,
          [`${idpId}:%`],
        );
        return rows[0].unpublished === 0 && rows;
      },
      30_000,
    );
    expect(unpublished).toBe(0);
  }, 240_000);
});
