import { IncomingHttpHeaders, Server, createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { decryptLarkPayload, signLarkRequest } from './lark-crypto';
import { ROOT_DEPARTMENT_ID } from './org-model';
import { DEFAULT_APP } from './sim-apps';
import { LarkSimulator, startLarkSimulator } from './simulator';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A Request URL whose answers a test scripts: a list of statuses, then 200. */
async function startReceiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const status = statuses.shift() ?? 200;
      if (status === 0) return; // never answer
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"msg":"success"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  return {
    url,
    received,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

function decryptedPayloads(received: Received[]): any[] {
  return received.map((r) =>
    JSON.parse(decryptLarkPayload(JSON.parse(r.body).encrypt, DEFAULT_APP.encryptKey!)),
  );
}

describe('event delivery', () => {
  let sim: LarkSimulator;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeEach(async () => {
    sim = await startLarkSimulator({
      seed: 9,
      users: 200,
      departments: 20,
      delivery: { retryDelaysMs: [10, 20, 30, 40], responseDeadlineMs: 200 },
    });
  });

  afterEach(async () => {
    receiver?.close();
    await sim.stop();
  });

  const activeUser = () =>
    sim.org.listedUsers().find((u) => !u.status.isFrozen && u.departmentOpenIds[0] !== ROOT_DEPARTMENT_ID)!;

  it('should send an encrypted schema 2.0 event with a valid signature over the raw body', async () => {
    receiver = await startReceiver();
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    const [envelope] = sim.mutate.resignUser(activeUser().openId);
    await sim.delivery.idle();
    const [{ headers, body }] = receiver.received;
    const signature = signLarkRequest(
      String(headers['x-lark-request-timestamp']),
      String(headers['x-lark-request-nonce']),
      DEFAULT_APP.encryptKey!,
      body,
    );
    expect(headers['x-lark-signature']).toBe(signature);
    expect(Object.keys(JSON.parse(body))).toEqual(['encrypt']);
    expect(decryptedPayloads(receiver.received)[0]).toEqual({
      schema: '2.0',
      header: {
        event_id: envelope.eventId,
        token: DEFAULT_APP.verificationToken,
        create_time: expect.stringMatching(/^\d{13}$/),
        event_type: 'contact.user.deleted_v3',
        tenant_key: sim.org.tenantKey,
        app_id: DEFAULT_APP.appId,
      },
      event: expect.objectContaining({
        old_object: expect.objectContaining({
          open_id: envelope.payload.event && (envelope.payload.event as any).object.open_id,
        }),
      }),
    });
  });

  it('should send plain JSON when the app has no Encrypt Key, and schema 1.0 on demand', async () => {
    receiver = await startReceiver();
    sim.apps.update(DEFAULT_APP.appId, {
      requestUrl: receiver.url,
      encryptKey: undefined,
      eventSchema: '1.0',
    });
    const user = activeUser();
    sim.mutate.updateUser(user.openId, { jobTitle: 'Legacy' });
    await sim.delivery.idle();
    expect(JSON.parse(receiver.received[0].body)).toEqual({
      uuid: expect.any(String),
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
      token: DEFAULT_APP.verificationToken,
      type: 'event_callback',
      event: {
        type: 'user_update',
        app_id: DEFAULT_APP.appId,
        tenant_key: sim.org.tenantKey,
        open_id: user.openId,
        employee_id: user.userId,
        union_id: user.unionId,
      },
    });
  });

  it('should retry on non-200 and timeouts per the schedule and record every attempt', async () => {
    receiver = await startReceiver([500, 0, 503]);
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    const [envelope] = sim.mutate.freezeUser(activeUser().openId);
    await sim.delivery.idle();
    const attempts = sim.delivery.attemptsFor(envelope.eventId);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.status])).toEqual([
      [1, 'failed', 500],
      [2, 'failed', undefined],
      [3, 'failed', 503],
      [4, 'acked', 200],
    ]);
    expect(attempts[1].error).toMatch(/no response within 200 ms/);
  });

  it('should give up after four retries', async () => {
    receiver = await startReceiver([500, 500, 500, 500, 500, 500]);
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    const [envelope] = sim.mutate.freezeUser(activeUser().openId);
    await sim.delivery.idle();
    expect(sim.delivery.attemptsFor(envelope.eventId)).toHaveLength(5);
  });

  it.each([
    ['duplicate', { duplicateProbability: 1 }, 2],
    ['drop', { dropProbability: 1 }, 0],
  ])('should %s deliveries on demand', async (_case, chaos, expectedDeliveries) => {
    receiver = await startReceiver();
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    sim.delivery.chaos = chaos;
    const [envelope] = sim.mutate.freezeUser(activeUser().openId);
    await sim.delivery.idle();
    expect(receiver.received).toHaveLength(expectedDeliveries);
    expect(new Set(decryptedPayloads(receiver.received).map((p) => p.header.event_id))).toEqual(
      new Set(expectedDeliveries ? [envelope.eventId] : []),
    );
  });

  it('should reorder a window of events and delay them', async () => {
    receiver = await startReceiver();
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    sim.delivery.chaos = { reorderWindow: 3, delayMs: 30 };
    const users = sim.org
      .listedUsers()
      .filter((u) => !u.status.isFrozen)
      .slice(0, 3);
    const ids = users
      .flatMap((u) => sim.mutate.updateUser(u.openId, { city: 'Reordered' }))
      .map((e) => e.eventId);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(receiver.received).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await sim.delivery.idle();
    expect(decryptedPayloads(receiver.received).map((p) => p.header.event_id)).toEqual([...ids].reverse());
  });

  it('should only deliver events inside the app contact scope and notify scope changes', async () => {
    receiver = await startReceiver();
    const [inScope, outOfScope] = sim.org.childIds(ROOT_DEPARTMENT_ID);
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    const [scopeEvent] = sim.mutate.changeScope(DEFAULT_APP.appId, {
      kind: 'partial',
      departmentOpenIds: [inScope],
      userOpenIds: [],
    });
    sim.mutate.renameDepartment(outOfScope, 'Invisible');
    sim.mutate.renameDepartment(inScope, 'Visible');
    await sim.delivery.idle();
    const payloads = decryptedPayloads(receiver.received);
    expect(payloads.map((p) => p.header.event_type)).toEqual([
      'contact.scope.updated_v3',
      'contact.department.updated_v3',
    ]);
    expect(payloads[0].header.event_id).toBe(scopeEvent.eventId);
    expect(payloads[0].event.removed.departments.map((d: any) => d.open_department_id)).toContain(outOfScope);
    expect(payloads[1].event.object.name).toBe('Visible');
  });

  it('should verify a Request URL only when the challenge is echoed', async () => {
    const echo = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () =>
        res.end(
          JSON.stringify({
            challenge: JSON.parse(decryptLarkPayload(JSON.parse(body).encrypt, DEFAULT_APP.encryptKey!))
              .challenge,
          }),
        ),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    receiver = await startReceiver();
    try {
      const app = sim.apps.require(DEFAULT_APP.appId);
      expect(
        (
          await sim.delivery.verifyRequestUrl(
            app,
            `http://127.0.0.1:${(echo.address() as AddressInfo).port}/`,
          )
        ).isVerified,
      ).toBe(true);
      expect((await sim.delivery.verifyRequestUrl(app, receiver.url)).isVerified).toBe(false);
    } finally {
      echo.close();
    }
  });

  it('should apply admin API mutations and deliver their events', async () => {
    receiver = await startReceiver();
    sim.apps.update(DEFAULT_APP.appId, { requestUrl: receiver.url });
    const departmentId = sim.org.departments()[0].openDepartmentId;
    const hired = await fetch(`${sim.url}/_sim/users`, {
      method: 'POST',
      body: JSON.stringify({ name: 'Admin Hire', departmentOpenIds: [departmentId] }),
    });
    expect(hired.status).toBe(201);
    const { openId } = (await hired.json()) as { openId: string };
    expect((await fetch(`${sim.url}/_sim/users/${openId}/resign`, { method: 'POST' })).status).toBe(200);
    expect((await fetch(`${sim.url}/_sim/departments/${departmentId}`, { method: 'DELETE' })).status).toBe(
      400,
    );
    await sim.delivery.idle();
    expect(decryptedPayloads(receiver.received).map((p) => p.header.event_type)).toEqual([
      'contact.user.created_v3',
      'contact.user.deleted_v3',
    ]);
    const deliveries = (await (await fetch(`${sim.url}/_sim/deliveries`)).json()) as { attempts: unknown[] };
    expect(deliveries.attempts).toHaveLength(2);
  });
});
