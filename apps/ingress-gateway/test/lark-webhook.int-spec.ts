import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '@app/telemetry';
import { randomUUID } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { runMigrations } from '@app/persistence';
import { computeSignature, encryptPayload } from '@app/lark';
import { LarkSimulator, SimAppConfig, startLarkSimulator } from '../../../test/lark-simulator';
import { aSchema2Event, loadLarkVectors } from '../../../libs/lark/src/protocol/testing';
import {
  createTopic,
  GatewayUnderTest,
  IdpFixtures,
  readTopicJson,
  startGateway,
  testKafka,
  TopicRecord,
} from './gateway-harness';
import { recordCount } from '../../../libs/kafka/src/testing';

const telemetry = startTelemetry({ serviceName: 'gateway-test', exporter: new InMemorySpanExporter() });
const vectors = loadLarkVectors();
const FIXTURE_APP = { appId: 'cli_a1b2c3d4e5f60718', appSecret: 'unused-secret' };
const ENCRYPTED_APP: SimAppConfig = {
  appId: 'cli_gw_encrypted0001',
  appSecret: 's1',
  encryptKey: 'gw-int-key-1',
  verificationToken: 'vt_gw_int_1',
  eventSchema: '2.0',
};
const LEGACY_APP: SimAppConfig = {
  appId: 'cli_gw_plainlegacy01',
  appSecret: 's2',
  verificationToken: 'vt_gw_int_2',
  eventSchema: '1.0',
};
const TRACEPARENT = /^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/;

describe('POST /lark/events/:idpId against real Kafka and PostgreSQL', () => {
  let gateway: GatewayUnderTest;
  let sim: LarkSimulator;
  let kafka: Kafka;
  let admin: Admin;
  let idps: IdpFixtures;
  let topic: string;
  const idp: Record<'encrypted' | 'legacy' | 'fixture1' | 'fixture2' | 'closed', string> = {} as never;
  let records: TopicRecord[] | undefined;
  const publishedRecords = async () => (records ??= await readTopicJson(kafka, topic));

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    kafka = testKafka(process.env.KAFKA_BROKERS!);
    admin = kafka.admin();
    await admin.connect();
    topic = await createTopic(admin, 'gateway-int.lark.events');
    idps = new IdpFixtures(process.env.DATABASE_URL!);
    await idps.connect();
    idp.encrypted = await idps.create({
      ...ENCRYPTED_APP,
      encryptKey: ENCRYPTED_APP.encryptKey!,
      verificationToken: ENCRYPTED_APP.verificationToken,
    });
    idp.legacy = await idps.create({ ...LEGACY_APP, encryptKey: null });
    idp.fixture1 = await idps.create({
      ...FIXTURE_APP,
      encryptKey: 'larksync-fixture-key-1',
      verificationToken: 'vt_LarkSyncFixtureToken0001',
    });
    idp.fixture2 = await idps.create({
      ...FIXTURE_APP,
      encryptKey: 'larksync-fixture-key-2',
      verificationToken: 'vt_LarkSyncFixtureToken0002',
    });
    idp.closed = await idps.create(
      {
        ...ENCRYPTED_APP,
        encryptKey: ENCRYPTED_APP.encryptKey!,
        verificationToken: ENCRYPTED_APP.verificationToken,
      },
      { status: 'closed' },
    );
    gateway = await startGateway(
      { kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! },
      { eventsTopic: topic },
    );
    sim = await startLarkSimulator({
      users: 20,
      apps: [
        { ...ENCRYPTED_APP, requestUrl: `${gateway.url}/lark/events/${idp.encrypted}` },
        { ...LEGACY_APP, requestUrl: `${gateway.url}/lark/events/${idp.legacy}` },
      ],
      delivery: { retryDelaysMs: [200, 400] },
    });
  });

  afterAll(async () => {
    await sim?.stop();
    await gateway?.close();
    await admin?.disconnect();
    await idps?.close();
    await telemetry.shutdown();
  });

  it.each([
    ['encrypted', ENCRYPTED_APP],
    ['plain', LEGACY_APP],
  ])('should pass the simulator URL verification, %s, well within 1 s', async (_case, app) => {
    const result = await sim.delivery.verifyRequestUrl(sim.apps.require(app.appId));
    expect(result).toMatchObject({ isVerified: true, status: 200 });
  });

  it('should publish simulator events, encrypted 2.0 and plain 1.0, keyed by idp and entity with trace context', async () => {
    const [user] = sim.org.listedUsers();
    const envelopes = sim.mutate.resignUser(user.openId);
    await sim.delivery.idle();
    expect(
      envelopes
        .flatMap((envelope) => sim.delivery.attemptsFor(envelope.eventId))
        .map((attempt) => attempt.status),
    ).toEqual([200, 200]);
    const published = (await publishedRecords()).filter((record) =>
      envelopes.some((envelope) => envelope.eventId === record.value.eventId),
    );
    expect(
      published.map((record) => [record.key, record.value.schema, record.value.eventType]).sort(),
    ).toEqual(
      [
        [`${idp.encrypted}:${user.openId}`, '2.0', 'contact.user.deleted_v3'],
        [`${idp.legacy}:${user.openId}`, '1.0', 'contact.user.deleted_v3'],
      ].sort(),
    );
    published.forEach((record) => expect(record.headers.traceparent).toMatch(TRACEPARENT));
  });
});

describe('POST /lark/events/:idpId: reference vectors and rejections', () => {
  let gateway: GatewayUnderTest;
  let kafka: Kafka;
  let admin: Admin;
  let idps: IdpFixtures;
  let topic: string;
  const ids: Record<string, string> = {};
  const KEY = 'gw-rejection-key';
  const TOKEN = 'vt_gw_rejection';
  const APP = 'cli_gw_rejection0001';

  const post = (idpId: string, body: string | Buffer, headers: Record<string, string> = {}) =>
    gateway.app.inject({
      method: 'POST',
      url: `/lark/events/${idpId}`,
      payload: body,
      headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    });
  const signed = (body: string, key = KEY) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomUUID();
    return {
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': computeSignature(Buffer.from(body), timestamp, nonce, key),
    };
  };
  const encrypted = (payload: unknown, key = KEY) =>
    JSON.stringify({ encrypt: encryptPayload(JSON.stringify(payload), key) });
  const event = (overrides: Parameters<typeof aSchema2Event>[0] = {}) =>
    aSchema2Event({ token: TOKEN, appId: APP, ...overrides });

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    kafka = testKafka(process.env.KAFKA_BROKERS!);
    admin = kafka.admin();
    await admin.connect();
    topic = await createTopic(admin, 'gateway-int.rejections');
    idps = new IdpFixtures(process.env.DATABASE_URL!);
    await idps.connect();
    ids.encrypted = await idps.create({
      appId: APP,
      appSecret: 'x',
      encryptKey: KEY,
      verificationToken: TOKEN,
    });
    ids.plain = await idps.create({ appId: APP, appSecret: 'x', encryptKey: null, verificationToken: TOKEN });
    ids.closed = await idps.create(
      { appId: APP, appSecret: 'x', encryptKey: KEY, verificationToken: TOKEN },
      { status: 'closed' },
    );
    ids.fixture1 = await idps.create({
      appId: 'cli_a1b2c3d4e5f60718',
      appSecret: 'x',
      encryptKey: 'larksync-fixture-key-1',
      verificationToken: 'vt_LarkSyncFixtureToken0001',
    });
    ids.fixture2 = await idps.create({
      appId: 'cli_a1b2c3d4e5f60718',
      appSecret: 'x',
      encryptKey: 'larksync-fixture-key-2',
      verificationToken: 'vt_LarkSyncFixtureToken0002',
    });
    gateway = await startGateway(
      { kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! },
      // the reference vectors were signed in 2024: their timestamps are older than any delivery window
      { eventsTopic: topic, maxDeliveryAgeMs: Number.MAX_SAFE_INTEGER },
    );
  });

  afterAll(async () => {
    await gateway?.close();
    await admin?.disconnect();
    await idps?.close();
  });

  const rejectionCases: Array<
    [
      string,
      () => { idpId: string; body: string | Buffer; headers?: Record<string, string> },
      number,
      unknown,
    ]
  > = [
    ['an unknown IdP', () => ({ idpId: randomUUID(), body: '{}' }), 404, 'unknown_idp'],
    ['a malformed IdP id', () => ({ idpId: 'not-a-uuid', body: '{}' }), 404, 'unknown_idp'],
    ['a closed IdP', () => withSignature(ids.closed, encrypted(event())), 403, 'idp_closed'],
    [
      'a body over 1 MiB',
      () => ({ idpId: ids.encrypted, body: JSON.stringify({ encrypt: 'A'.repeat(1024 * 1024) }) }),
      413,
      'body_too_large',
    ],
    [
      'a missing signature',
      () => ({ idpId: ids.encrypted, body: encrypted(event()) }),
      401,
      'missing_signature',
    ],
    [
      'a wrong signature',
      () => ({ idpId: ids.encrypted, body: encrypted(event()), headers: signed('other body') }),
      401,
      'bad_signature',
    ],
    ['a non-JSON body', () => withSignature(ids.encrypted, '{"encrypt":'), 400, 'not_json'],
    ['bad base64', () => withSignature(ids.encrypted, JSON.stringify({ encrypt: '%%%' })), 400, 'bad_base64'],
    [
      'a ciphertext under another key',
      () => withSignature(ids.encrypted, encrypted(event(), 'another-key-entirely')),
      400,
      expect.stringMatching(/^(bad_padding|wrong_key)$/),
    ],
    // A wrong key yields valid-looking padding about once in 256 random IVs; then the bytes are not UTF-8.
    [
      'a non-JSON plaintext',
      () => withSignature(ids.encrypted, JSON.stringify({ encrypt: encryptPayload('not json', KEY) })),
      400,
      'not_json',
    ],
    [
      'an encrypted body to an IdP without key',
      () => ({ idpId: ids.plain, body: encrypted(event()) }),
      400,
      'unexpected_encryption',
    ],
    [
      'a wrong Verification Token',
      () => withSignature(ids.encrypted, encrypted(event({ token: 'vt_forged' }))),
      401,
      'bad_token',
    ],
    [
      'a wrong token on a plain IdP',
      () => ({ idpId: ids.plain, body: JSON.stringify(event({ token: 'vt_forged' })) }),
      401,
      'bad_token',
    ],
    [
      "another app's event",
      () => withSignature(ids.encrypted, encrypted(event({ appId: 'cli_someone_else' }))),
      403,
      'app_mismatch',
    ],
  ];
  function withSignature(idpId: string, body: string) {
    return { idpId, body, headers: signed(body) };
  }

  it.each(rejectionCases)(
    'should refuse %s with its status and a JSON error',
    async (_case, make, status, error) => {
      const { idpId, body, headers } = make();
      const response = await post(idpId, body, headers);
      expect(response.statusCode).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toEqual({ error, message: expect.any(String) });
    },
  );

  it('should acknowledge an unsupported event type without publishing it', async () => {
    const body = encrypted(event({ eventType: 'im.message.receive_v1' }));
    expect((await post(ids.encrypted, body, signed(body))).statusCode).toBe(200);
  });

  it('should have published nothing for any of the deliveries above', async () => {
    expect(await recordCount(kafka, topic)).toBe(0);
  });

  it('should accept the whitespace vector (signature over raw bytes) and publish it once despite the compact redelivery', async () => {
    const [compact, , whitespace] = vectors.signatures;
    for (const vector of [whitespace, compact]) {
      const headers = {
        'x-lark-request-timestamp': vector.timestamp,
        'x-lark-request-nonce': vector.nonce,
        'x-lark-signature': vector.expected_signature,
      };
      const response = await post(ids.fixture1, Buffer.from(vector.body, 'utf8'), headers);
      expect({ status: response.statusCode, body: response.json() }).toEqual({
        status: 200,
        body: { msg: 'success' },
      });
    }
    const records = await readTopicJson(kafka, topic);
    expect(records.map((record) => record.value.eventId)).toEqual(['evt_6b0f3c2e9d8a4f71b5e2a3c4d5e6f708']);
    expect(records[0].key).toBe(`${ids.fixture1}:ou_1a2b3c4d5e6f708192a3b4c5d6e7f801`);
  });

  it('should normalise the schema 1.0 vector', async () => {
    const vector = vectors.decryption.find((candidate) => candidate.name.startsWith('schema 1.0'))!;
    const body = JSON.stringify({ encrypt: vector.encrypt });
    expect((await post(ids.fixture2, body, signed(body, vector.encrypt_key))).statusCode).toBe(200);
    const record = (await readTopicJson(kafka, topic)).find(
      (candidate) => candidate.value.eventId === '41b1c3a0d2e94f5a8b7c6d5e4f3a2b1c',
    );
    expect(record?.value).toEqual({
      idpId: ids.fixture2,
      eventId: '41b1c3a0d2e94f5a8b7c6d5e4f3a2b1c',
      eventType: 'contact.user.deleted_v3',
      createTime: 1718000300123,
      tenantKey: 'tenant_0f1e2d3c4b5a',
      appId: 'cli_a1b2c3d4e5f60718',
      schema: '1.0',
      payload: expect.objectContaining({
        type: 'user_leave',
        open_id: 'ou_3c4d5e6f708192a3b4c5d6e7f8011223',
      }),
      receivedAt: expect.any(String),
    });
    expect(record?.key).toBe(`${ids.fixture2}:ou_3c4d5e6f708192a3b4c5d6e7f8011223`);
  });

  it('should apply an IdP being closed within a few seconds', async () => {
    const id = await idps.create({ appId: APP, appSecret: 'x', encryptKey: KEY, verificationToken: TOKEN });
    const challenge = encrypted({ challenge: 'c', token: TOKEN, type: 'url_verification' });
    expect((await post(id, challenge)).statusCode).toBe(200);
    await idps.setStatus(id, 'closed');
    const closedAt = Date.now();
    while ((await post(id, challenge)).statusCode === 200)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Date.now() - closedAt).toBeLessThan(4000);
    expect((await post(id, challenge)).json()).toMatchObject({ error: 'idp_closed' });
  });

  it('should count deliveries on /metrics', async () => {
    const metrics = (await gateway.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/larksync_gateway_deliveries_rejected_total\{reason="bad_signature"[^}]*\} 1/);
    expect(metrics).toMatch(
      /larksync_gateway_events_ignored_total\{event_type="im.message.receive_v1"[^}]*\} 1/,
    );
    expect(metrics).toMatch(/larksync_gateway_publish_seconds_count\{[^}]*\} 2/);
  });
});
