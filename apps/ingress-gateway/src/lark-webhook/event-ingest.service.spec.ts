import fc from 'fast-check';
import pino from 'pino';
import { Registry } from 'prom-client';
import { MessagePublisher } from '@app/kafka';
import { aChallenge, aSchema2Event } from '../../../../libs/lark/src/protocol/testing';
import { IdpLookupService, IdpView } from '../idp/idp-lookup.service';
import { EventIngestService } from './event-ingest.service';
import { aDelivery, someSecrets, WireDelivery } from './testing/delivery-factory';
import { WebhookMetrics } from './webhook.metrics';

const IDP_ID = '0f0e0d0c-0b0a-4908-8706-050403020100';
const secrets = someSecrets();

function anIdp(overrides: Partial<IdpView> = {}): IdpView {
  return {
    id: IDP_ID,
    status: 'enabled',
    platform: 'feishu',
    appSecret: 'app-secret',
    ...secrets,
    ...overrides,
  };
}

function aService(
  options: { idp?: IdpView | null; publish?: () => Promise<void>; publishTimeoutMs?: number } = {},
) {
  const publish = jest.fn(options.publish ?? (() => Promise.resolve()));
  const idps = {
    find: jest.fn(async () => (options.idp === undefined ? anIdp() : options.idp)),
  } as unknown as IdpLookupService;
  const registry = new Registry();
  const service = new EventIngestService(
    idps,
    { publish } as unknown as MessagePublisher,
    new WebhookMetrics(registry),
    {
      eventsTopic: 'lark.events.test',
      publishTimeoutMs: options.publishTimeoutMs ?? 200,
      recentEventCapacity: 100,
      rateLimits: { perIdpPerSecond: 1000, perAddressPerSecond: 1000 },
    },
    pino({ level: 'silent' }),
  );
  return { service, publish, registry };
}

const receive = (service: EventIngestService, { rawBody, headers }: WireDelivery) =>
  service.receive(IDP_ID, rawBody, headers);

describe('EventIngestService', () => {
  it('should publish a contact event keyed by idp and open_id, then answer 200', async () => {
    const { service, publish } = aService();
    const event = aSchema2Event({
      eventId: 'evt_1',
      eventType: 'contact.user.deleted_v3',
      event: { object: { open_id: 'ou_9' } },
    });
    expect(await receive(service, aDelivery(event, secrets))).toEqual({
      status: 200,
      body: { msg: 'success' },
    });
    const [topic, [message]] = publish.mock.calls[0] as unknown as [
      string,
      Array<{ key: string; value: string; headers: Record<string, string> }>,
    ];
    expect(topic).toBe('lark.events.test');
    expect(message.key).toBe(`${IDP_ID}:ou_9`);
    expect(JSON.parse(message.value)).toMatchObject({
      idpId: IDP_ID,
      eventId: 'evt_1',
      eventType: 'contact.user.deleted_v3',
      schema: '2.0',
    });
    expect(message.headers).toEqual({
      'larksync-event-type': 'contact.user.deleted_v3',
      'larksync-idp-id': IDP_ID,
    });
  });

  it('should publish a redelivered event only once', async () => {
    const { service, publish, registry } = aService();
    const event = aSchema2Event({ eventId: 'evt_dup' });
    await receive(service, aDelivery(event, secrets));
    expect(await receive(service, aDelivery(event, secrets))).toMatchObject({ status: 200 });
    expect(publish).toHaveBeenCalledTimes(1);
    expect(await registry.getSingleMetricAsString('larksync_gateway_events_duplicate_total')).toMatch(/ 1$/m);
  });

  it('should join a concurrent redelivery to the publish in flight', async () => {
    let release!: () => void;
    const { service, publish } = aService({
      publish: () => new Promise<void>((resolve) => (release = resolve)),
      publishTimeoutMs: 1000,
    });
    const event = aSchema2Event({ eventId: 'evt_race' });
    const both = Promise.all([
      receive(service, aDelivery(event, secrets)),
      receive(service, aDelivery(event, secrets)),
    ]);
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await both).map((reply) => reply.status)).toEqual([200, 200]);
    expect(publish).toHaveBeenCalledTimes(1);
  });

  it('should answer 503 when Kafka does not acknowledge in time, also to a retry while that publish is pending', async () => {
    const { service, publish } = aService({
      publish: () => new Promise<void>(() => undefined),
      publishTimeoutMs: 20,
    });
    const event = aSchema2Event({ eventId: 'evt_slow' });
    expect(await receive(service, aDelivery(event, secrets))).toEqual({
      status: 503,
      body: { error: 'kafka_unavailable', message: expect.any(String) },
    });
    publish.mockImplementation(() => Promise.resolve());
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await receive(service, aDelivery(event, secrets))).status).toBe(503);
  });

  it('should answer 503 when Kafka fails, then publish on the retry', async () => {
    const { service, publish } = aService({ publish: () => Promise.reject(new Error('broker down')) });
    const event = aSchema2Event({ eventId: 'evt_fail' });
    expect((await receive(service, aDelivery(event, secrets))).status).toBe(503);
    publish.mockImplementation(() => Promise.resolve());
    expect((await receive(service, aDelivery(event, secrets))).status).toBe(200);
    expect(publish).toHaveBeenCalledTimes(2);
  });

  it('should acknowledge an unsupported event type without publishing, and count it', async () => {
    const { service, publish, registry } = aService();
    expect(
      (await receive(service, aDelivery(aSchema2Event({ eventType: 'im.message.receive_v1' }), secrets)))
        .status,
    ).toBe(200);
    expect(publish).not.toHaveBeenCalled();
    expect(await registry.getSingleMetricAsString('larksync_gateway_events_ignored_total')).toContain(
      'event_type="im.message.receive_v1"} 1',
    );
  });

  it('should answer the challenge without publishing', async () => {
    const { service, publish } = aService();
    expect(await receive(service, aDelivery(aChallenge(secrets.verificationToken, 'c-1'), secrets))).toEqual({
      status: 200,
      body: { challenge: 'c-1' },
    });
    expect(publish).not.toHaveBeenCalled();
  });

  it.each([
    ['an unknown IdP', null, 404, 'unknown_idp'],
    ['a closed IdP', anIdp({ status: 'closed' }), 403, 'idp_closed'],
  ])('should refuse %s and count the reason', async (_case, idp, status, error) => {
    const { service, publish, registry } = aService({ idp });
    expect(await receive(service, aDelivery(aSchema2Event(), secrets))).toEqual({
      status,
      body: { error, message: expect.any(String) },
    });
    expect(publish).not.toHaveBeenCalled();
    expect(await registry.getSingleMetricAsString('larksync_gateway_deliveries_rejected_total')).toContain(
      `reason="${error}"} 1`,
    );
  });

  it('should refuse an event stamped more than 5 minutes ahead, publish nothing and count it', async () => {
    const { service, publish, registry } = aService();
    const ahead = String(Date.now() + 10 * 60_000);
    expect(await receive(service, aDelivery(aSchema2Event({ createTime: ahead }), secrets))).toEqual({
      status: 400,
      body: { error: 'future_create_time', message: expect.stringContaining('ahead') },
    });
    expect(publish).not.toHaveBeenCalled();
    expect(await registry.getSingleMetricAsString('larksync_gateway_deliveries_rejected_total')).toContain(
      'reason="future_create_time"} 1',
    );
    const withinSkew = String(Date.now() + 60_000);
    expect(
      (await receive(service, aDelivery(aSchema2Event({ createTime: withinSkew }), secrets))).status,
    ).toBe(200);
  });

  it('should never throw nor publish for random or mutated deliveries', async () => {
    const { service, publish } = aService();
    const genuine = aDelivery(aSchema2Event(), secrets);
    const mutatedBody = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })).map(([at, flip]) => {
      const body = Buffer.from(genuine.rawBody);
      body[at % body.length] ^= flip;
      return { rawBody: body, headers: genuine.headers };
    });
    const randomBody = fc.record({
      rawBody: fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
        fc.json().map((text) => Buffer.from(text)),
      ),
      headers: fc.record(
        { timestamp: fc.string(), nonce: fc.string(), signature: fc.string() },
        { requiredKeys: [] },
      ),
    });
    const forgedSignature = fc
      .string({ maxLength: 64 })
      .map((signature) => ({ rawBody: genuine.rawBody, headers: { ...genuine.headers, signature } }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedBody, randomBody, forgedSignature), async (delivery) => {
        const reply = await receive(service, delivery);
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(reply.body).toEqual({ error: expect.any(String), message: expect.any(String) });
      }),
    );
    expect(publish).not.toHaveBeenCalled();
  });
});
