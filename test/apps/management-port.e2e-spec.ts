import { runMigrations } from '@app/persistence';
import { TEST_MASTER_KEY } from '@app/testing';
import { findFreePorts } from '../../deploy/local/src/free-port';
import { RunningApp, startApp } from '../../deploy/local/src/app-process';

/* MANAGEMENT_PORT takes health and metrics off the gateway's internet-facing port (built app, real process). */
describe('the gateway with MANAGEMENT_PORT', () => {
  let gateway: RunningApp;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    const [port, managementPort] = await findFreePorts(2);
    gateway = await startApp('ingress-gateway', port, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: process.env.DATABASE_URL,
      LARKSYNC_MASTER_KEY: TEST_MASTER_KEY,
      MANAGEMENT_PORT: String(managementPort),
      LOG_LEVEL: 'warn',
    });
  }, 90_000);

  afterAll(() => gateway?.stop());

  it.each(['/health/live', '/health/ready', '/metrics', '/metrics?name[]=x'])(
    'should answer %s with 404 on the public port',
    async (path) => {
      const response = await fetch(`${gateway.url}${path}`);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/larksync_|"status"/);
    },
  );

  it('should serve readiness and Prometheus metrics on the management port', async () => {
    const ready = await fetch(`${gateway.managementUrl}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ok',
      info: { kafka: { status: 'up' }, database: { status: 'up' } },
    });
    const metrics = await fetch(`${gateway.managementUrl}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/^larksync_process_cpu_seconds_total/m);
  });

  it('should serve nothing else on the management port', async () => {
    const webhook = await fetch(`${gateway.managementUrl}/lark/events/00000000-0000-4000-8000-000000000000`, {
      method: 'POST',
      body: '{}',
    });
    expect(webhook.status).toBe(404);
    expect((await fetch(`${gateway.managementUrl}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('should still route webhook deliveries on the public port', async () => {
    const response = await fetch(`${gateway.url}/lark/events/00000000-0000-4000-8000-000000000000`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'url_verification', challenge: 'c', token: 't' }),
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'unknown_idp', message: 'no IdP with this id' });
  });
});
