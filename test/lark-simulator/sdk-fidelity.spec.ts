import * as lark from '@larksuiteoapi/node-sdk';
import { Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { ROOT_DEPARTMENT_ID } from './org-model';
import { DEFAULT_APP } from './sim-apps';
import { LarkSimulator, startLarkSimulator } from './simulator';

const silentLogger = {
  error: () => undefined,
  warn: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  trace: () => undefined,
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

describe('fidelity with @larksuiteoapi/node-sdk', () => {
  let sim: LarkSimulator;
  let client: lark.Client;

  beforeAll(async () => {
    sim = await startLarkSimulator({
      seed: 11,
      users: 1_200,
      departments: 90,
      speedFactor: 100,
      delivery: { retryDelaysMs: [20, 40] },
    });
    client = new lark.Client({
      appId: DEFAULT_APP.appId,
      appSecret: DEFAULT_APP.appSecret,
      domain: sim.url,
      logger: silentLogger,
      loggerLevel: lark.LoggerLevel.error,
    });
  });

  afterAll(() => sim.stop());

  it('should let the SDK client list every department and user through explicit page loops', async () => {
    const departments = new Set<string>();
    const queue = [ROOT_DEPARTMENT_ID];
    while (queue.length > 0) {
      const parent = queue.shift()!;
      let pageToken: string | undefined;
      do {
        const page = await client.contact.v3.department.children({
          path: { department_id: parent },
          params: { page_size: 50, page_token: pageToken, fetch_child: false },
        });
        expect(page.code).toBe(0);
        for (const item of page.data?.items ?? []) {
          departments.add(item.open_department_id!);
          queue.push(item.open_department_id!);
        }
        pageToken = page.data?.has_more ? page.data.page_token : undefined;
      } while (pageToken);
    }
    const users = new Set<string>();
    for (const departmentId of [ROOT_DEPARTMENT_ID, ...departments]) {
      let pageToken: string | undefined;
      do {
        const page = await client.contact.v3.user.findByDepartment({
          params: { department_id: departmentId, page_size: 50, page_token: pageToken },
        });
        (page.data?.items ?? []).forEach((user) => users.add(user.open_id!));
        pageToken = page.data?.has_more ? page.data.page_token : undefined;
      } while (pageToken);
    }
    expect(departments).toEqual(new Set(sim.org.departments().map((d) => d.openDepartmentId)));
    expect(users).toEqual(new Set(sim.org.listedUsers().map((u) => u.openId)));
    expect(sim.stats.requests('auth.tenant_access_token')).toBe(1);
  });

  it('should have the SDK dispatcher accept encrypted signed deliveries and answer the challenge', async () => {
    const received: Array<Record<string, unknown>> = [];
    const dispatcher = new lark.EventDispatcher({
      encryptKey: DEFAULT_APP.encryptKey,
      verificationToken: DEFAULT_APP.verificationToken,
      logger: silentLogger,
    }).register({
      'contact.user.updated_v3': async (data: Record<string, unknown>) => {
        received.push(data);
        return 'ok';
      },
    });
    const handle = lark.adaptDefault('/webhook', dispatcher, { autoChallenge: true });
    const server = createServer((request, response) => void handle(request, response));
    const url = await listen(server);
    try {
      sim.apps.update(DEFAULT_APP.appId, { requestUrl: url });
      const verification = await sim.delivery.verifyRequestUrl(sim.apps.require(DEFAULT_APP.appId));
      expect(verification.isVerified).toBe(true);
      const user = sim.org.listedUsers().find((u) => !u.status.isFrozen)!;
      const [envelope] = sim.mutate.updateUser(user.openId, { jobTitle: 'Fidelity Tester' });
      await sim.delivery.idle();
      expect(sim.delivery.attemptsFor(envelope.eventId)).toEqual([
        expect.objectContaining({ outcome: 'acked', status: 200 }),
      ]);
      expect(received).toEqual([
        expect.objectContaining({
          event_id: envelope.eventId,
          token: DEFAULT_APP.verificationToken,
          object: expect.objectContaining({ open_id: user.openId, job_title: 'Fidelity Tester' }),
        }),
      ]);
    } finally {
      sim.apps.update(DEFAULT_APP.appId, { requestUrl: undefined });
      server.close();
    }
  });

  it('should be rejected by the SDK dispatcher when the signature does not match its encrypt key', async () => {
    const received: unknown[] = [];
    const dispatcher = new lark.EventDispatcher({ encryptKey: 'another-key', logger: silentLogger }).register(
      {
        'contact.user.updated_v3': async (data: unknown) => received.push(data),
      },
    );
    const handle = lark.adaptDefault('/webhook', dispatcher);
    const server = createServer((request, response) => void handle(request, response));
    const url = await listen(server);
    try {
      sim.apps.update(DEFAULT_APP.appId, { requestUrl: url });
      const user = sim.org.listedUsers().find((u) => !u.status.isFrozen)!;
      sim.mutate.updateUser(user.openId, { city: 'Nowhere' });
      await sim.delivery.idle();
      expect(received).toEqual([]);
    } finally {
      sim.apps.update(DEFAULT_APP.appId, { requestUrl: undefined });
      server.close();
    }
  });
});
