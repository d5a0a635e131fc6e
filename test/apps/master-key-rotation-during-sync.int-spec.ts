import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Admin } from 'kafkajs';
import { Client } from 'pg';
import { computeSignature, encryptPayload } from '@app/lark';
import { countNotUnderCurrentKey, runMigrations, SecretBox } from '@app/persistence';
import { createScratchDatabase, ScratchDatabase } from '@app/testing';
import { findRepoRoot } from '../../deploy/local/src/repo-root';
import { aSchema2Event } from '../../libs/lark/src/protocol/testing';
import { startFullSyncHarness } from '../../apps/directory/test/full-sync-harness';
import {
  createTopic,
  GatewayUnderTest,
  IdpFixtures,
  startGateway,
  testKafka,
} from '../../apps/ingress-gateway/test/gateway-harness';
import { DEFAULT_APP, LarkSimulator, startLarkSimulator } from '../lark-simulator';

// The directory's full sync and the gateway in-process, the built `rotate-master-key` (npm run build first) as
// a process of its own, on a database of this suite's own: the rotation re-seals every row of it.
jest.setTimeout(180_000);

const OLD = `2026-06:${randomBytes(32).toString('base64')}`;
const NEW = `2026-12:${randomBytes(32).toString('base64')}`;
const IDPS = 3;
const CREDENTIALS = {
  appId: DEFAULT_APP.appId,
  appSecret: DEFAULT_APP.appSecret,
  encryptKey: DEFAULT_APP.encryptKey!,
  verificationToken: DEFAULT_APP.verificationToken,
};

async function rotateMasterKey(masterKeys: string, databaseUrl: string) {
  const cli = join(findRepoRoot(), 'dist', 'libs', 'persistence', 'src', 'rotate-master-key.js');
  const { stdout } = await promisify(execFile)(process.execPath, [cli], {
    env: { PATH: process.env.PATH, LARKSYNC_MASTER_KEYS: masterKeys, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

describe('master-key rotation while full syncs and webhook deliveries run (real Kafka and PostgreSQL, Lark simulator)', () => {
  let database: ScratchDatabase;
  let sim: LarkSimulator;
  let admin: Admin;
  let topic: string;
  let client: Client;
  const idpIds: string[] = [];

  const deliver = (gateway: GatewayUnderTest, idpId: string) => {
    const body = JSON.stringify({
      encrypt: encryptPayload(
        JSON.stringify(aSchema2Event({ token: CREDENTIALS.verificationToken, appId: CREDENTIALS.appId })),
        CREDENTIALS.encryptKey,
      ),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    return gateway.app.inject({
      method: 'POST',
      url: `/lark/events/${idpId}`,
      payload: body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': computeSignature(Buffer.from(body), timestamp, nonce, CREDENTIALS.encryptKey),
      },
    });
  };
  const appsWith = async (masterKeys: string) => ({
    gateway: await startGateway(
      { kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: database.url, masterKeys },
      { eventsTopic: topic },
    ),
    directory: await startFullSyncHarness(sim, { masterKey: masterKeys }, database.url),
  });

  beforeAll(async () => {
    database = await createScratchDatabase(process.env.DATABASE_URL!, 'larksync_rotation_sync');
    await runMigrations(database.url);
    sim = await startLarkSimulator({ users: 80, seed: 15 });
    admin = testKafka(process.env.KAFKA_BROKERS!).admin();
    await admin.connect();
    topic = await createTopic(admin, 'rotation-during-sync.events');
    const fixtures = new IdpFixtures(database.url, OLD);
    await fixtures.connect();
    for (let index = 0; index < IDPS; index += 1) idpIds.push(await fixtures.create(CREDENTIALS));
    await fixtures.close();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await admin?.disconnect();
    await sim?.stop();
    await database?.drop();
  });

  it('re-seals under the new key while a full sync of every IdP is in flight and deliveries go on being verified', async () => {
    const ring = `${NEW},${OLD}`;
    const box = new SecretBox(ring);
    expect(await countNotUnderCurrentKey(client, box)).toEqual([
      { table: 'idp', count: IDPS },
      { table: 'sso_signing_key', count: 0 },
    ]);
    const { gateway, directory } = await appsWith(ring);
    try {
      // Every sync waits at its user listing until the rotation is over: it is in flight, not done, meanwhile.
      const held = sim.faults.hold({ endpoint: 'contact.user.find_by_department' });
      const runs = await Promise.all(idpIds.map((idpId) => directory.startSync(idpId)));
      await held.reached;
      for (const run of runs) await directory.waitForRun(run.id, ({ status }) => status === 'running');

      let rotating = true;
      const statuses: number[] = [];
      const traffic = (async () => {
        for (let round = 0; rotating || round < 2; round += 1)
          for (const idpId of idpIds) statuses.push((await deliver(gateway, idpId)).statusCode);
      })();
      const rotation = await rotateMasterKey(ring, database.url).finally(() => {
        rotating = false;
      });
      await traffic;
      const during = await Promise.all(
        runs.map(async (run) => (await directory.request('GET', `/api/sync-runs/${run.id}`)).body.status),
      );
      held.release();
      const finished = await Promise.all(runs.map((run) => directory.waitForRun(run.id)));

      expect(during).toEqual(runs.map(() => 'running'));
      expect(rotation).toContain('idp: 3 re-sealed');
      expect(rotation).toContain('every secret is sealed under master key "2026-12"');
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(statuses.length).toBeGreaterThanOrEqual(2 * IDPS);
      expect(finished.map(({ status, errors }) => ({ status, errors }))).toEqual(
        runs.map(() => ({ status: 'succeeded', errors: [] })),
      );
      for (const run of finished) expect(run.counts.created).toBeGreaterThan(0);
      expect(await countNotUnderCurrentKey(client, box)).toEqual([
        { table: 'idp', count: 0 },
        { table: 'sso_signing_key', count: 0 },
      ]);
    } finally {
      await directory.close();
      await gateway.close();
    }
  });

  it('lets the old key go: on the new key alone every IdP verifies webhooks and reads Lark in a full sync', async () => {
    const { gateway, directory } = await appsWith(NEW);
    try {
      for (const idpId of idpIds) expect((await deliver(gateway, idpId)).statusCode).toBe(200);
      const runs = await Promise.all(idpIds.map((idpId) => directory.startSync(idpId)));
      const finished = await Promise.all(runs.map((run) => directory.waitForRun(run.id)));
      expect(finished.map(({ status, errors }) => ({ status, errors }))).toEqual(
        runs.map(() => ({ status: 'succeeded', errors: [] })),
      );
    } finally {
      await directory.close();
      await gateway.close();
    }
  });
});
