import { randomUUID } from 'node:crypto';
import { runMigrations } from '@app/persistence';
import { GatewayUnderTest, startGateway } from './gateway-harness';

describe('POST /lark/events/:idpId rate limits (real PostgreSQL and Kafka)', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    gateway = await startGateway(
      { kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! },
      { rateLimits: { perIdpPerSecond: 2, perAddressPerSecond: 100 } },
    );
  });

  afterAll(() => gateway?.close());

  const post = (idpId: string) =>
    gateway.app.inject({
      method: 'POST',
      url: `/lark/events/${idpId}`,
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });

  it("answers 429 with Retry-After past an IdP's limit, before reading anything, and counts it", async () => {
    const busy = randomUUID();
    const statuses = [(await post(busy)).statusCode, (await post(busy)).statusCode];
    const limited = await post(busy);

    expect(statuses).toEqual([404, 404]);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json()).toEqual({ error: 'rate_limited', message: expect.stringContaining('retry in') });
    expect((await post(randomUUID())).statusCode).toBe(404);
    const metrics = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(
      /larksync_gateway_deliveries_rejected_total\{[^}]*reason="rate_limited"[^}]*\} 1/,
    );
  });
});
