import { randomBytes, randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { computeSignature, encryptPayload } from '@app/lark';
import {
  countNotUnderCurrentKey,
  IdpCredentials,
  openCredentials,
  resealUnderCurrentKey,
  runMigrations,
  SecretBox,
} from '@app/persistence';
import { createScratchDatabase, ScratchDatabase } from '@app/testing';
import { aSchema2Event } from '../../../libs/lark/src/protocol/testing';
import { SigningKeysService } from '../src/sessions/signing-keys.service';
import { createTopic, GatewayUnderTest, IdpFixtures, startGateway, testKafka } from './gateway-harness';

const OLD = `2026-06:${randomBytes(32).toString('base64')}`;
const NEW = `2026-12:${randomBytes(32).toString('base64')}`;
const IDPS = 12;

const credentialsOf = (index: number): IdpCredentials => ({
  appId: `cli_rotation_${String(index).padStart(4, '0')}`,
  appSecret: `secret-${index}`,
  encryptKey: `rotation-encrypt-key-${index}`,
  verificationToken: `vt_rotation_${index}`,
});

describe('master-key rotation while the gateway serves', () => {
  let database: ScratchDatabase;
  let kafka: Kafka;
  let admin: Admin;
  let topic: string;
  let client: Client;
  const idpIds: string[] = [];

  const deliver = (gateway: GatewayUnderTest, index: number) => {
    const credentials = credentialsOf(index);
    const body = JSON.stringify({
      encrypt: encryptPayload(
        JSON.stringify(aSchema2Event({ token: credentials.verificationToken, appId: credentials.appId })),
        credentials.encryptKey!,
      ),
    });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    return gateway.app.inject({
      method: 'POST',
      url: `/lark/events/${idpIds[index]}`,
      payload: body,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-lark-request-timestamp': timestamp,
        'x-lark-request-nonce': nonce,
        'x-lark-signature': computeSignature(Buffer.from(body), timestamp, nonce, credentials.encryptKey!),
      },
    });
  };
  const gatewayWith = (masterKeys: string) =>
    startGateway(
      { kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: database.url, masterKeys },
      { eventsTopic: topic },
    );

  beforeAll(async () => {
    // The rotation re-seals every row of its database, so this suite has a database of its own.
    database = await createScratchDatabase(process.env.DATABASE_URL!, 'larksync_rotation');
    await runMigrations(database.url);
    kafka = testKafka(process.env.KAFKA_BROKERS!);
    admin = kafka.admin();
    await admin.connect();
    topic = await createTopic(admin, 'gateway-int.rotation');
    const fixtures = new IdpFixtures(database.url, OLD);
    await fixtures.connect();
    for (let index = 0; index < IDPS; index += 1) idpIds.push(await fixtures.create(credentialsOf(index)));
    await fixtures.close();
    // a gateway on the old key alone makes the session signing key, sealed under it
    const before = await gatewayWith(OLD);
    expect(before.app.get(SigningKeysService).signingKey()).toBeDefined();
    await before.close();
    client = new Client({ connectionString: database.url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await admin?.disconnect();
    await database?.drop();
  });

  it('re-seals every secret under the new key while deliveries for every IdP go on being verified', async () => {
    const ring = new SecretBox(`${NEW},${OLD}`);
    expect(await countNotUnderCurrentKey(client, ring)).toEqual([
      { table: 'idp', count: IDPS },
      { table: 'sso_signing_key', count: 1 },
    ]);
    const gateway = await gatewayWith(`${NEW},${OLD}`);
    try {
      let rotating = true;
      const statuses: number[] = [];
      const traffic = (async () => {
        for (let round = 0; rotating || round < 2; round += 1)
          for (let index = 0; index < IDPS; index += 1)
            statuses.push((await deliver(gateway, index)).statusCode);
      })();
      const reports = await resealUnderCurrentKey(client, ring, { batchSize: 5 }).finally(() => {
        rotating = false;
      });
      await traffic;

      expect(reports).toEqual([
        { table: 'idp', resealed: IDPS },
        { table: 'sso_signing_key', resealed: 1 },
      ]);
      expect(new Set(statuses)).toEqual(new Set([200]));
      expect(statuses.length).toBeGreaterThanOrEqual(2 * IDPS);
      expect(await countNotUnderCurrentKey(client, ring)).toEqual([
        { table: 'idp', count: 0 },
        { table: 'sso_signing_key', count: 0 },
      ]);
      expect(await resealUnderCurrentKey(client, ring)).toEqual([
        { table: 'idp', resealed: 0 },
        { table: 'sso_signing_key', resealed: 0 },
      ]);
    } finally {
      await gateway.close();
    }
  });

  it('lets the old key go: a gateway on the new key alone verifies every IdP and signs sessions', async () => {
    const gateway = await gatewayWith(NEW);
    try {
      for (let index = 0; index < IDPS; index += 1)
        expect((await deliver(gateway, index)).statusCode).toBe(200);
      expect(gateway.app.get(SigningKeysService).signingKey()).toBeDefined();
    } finally {
      await gateway.close();
    }
    const newOnly = new SecretBox(NEW);
    const { rows } = await client.query<{ id: string; sealed_credentials: string }>(
      'SELECT id, sealed_credentials FROM idp',
    );
    expect(
      rows.map((row) => openCredentials(newOnly, { id: row.id, sealedCredentials: row.sealed_credentials })),
    ).toEqual(expect.arrayContaining(idpIds.map((_, index) => credentialsOf(index))));
  });

  it('says which key is missing when a secret is sealed under a key that is not configured', async () => {
    const { rows } = await client.query<{ id: string; sealed_credentials: string }>(
      'SELECT id, sealed_credentials FROM idp LIMIT 1',
    );
    const oldOnly = new SecretBox(OLD);
    expect(() =>
      openCredentials(oldOnly, { id: rows[0].id, sealedCredentials: rows[0].sealed_credentials }),
    ).toThrow(/sealed under master key "2026-12", which the master keys do not hold \(they hold "2026-06"\)/);
    await expect(resealUnderCurrentKey(client, oldOnly)).rejects.toThrow(
      new RegExp(`idp ${rows[0].id}: a secret is sealed under master key "2026-12"`),
    );
  });
});
