import { entityKey } from '@app/contracts';
import { CleanupStack } from '../../deploy/local/src/cleanup-stack';
import { DEFAULT_APP, SimUser } from '../lark-simulator';
import { callJson, eventually } from '@app/testing';
import { TracedStack, TRACED_APPS, startTracedStack } from './support/traced-stack';
import { TraceView, traceparentIds } from './support/trace-shape';

// Runs the built apps (npm run build first) against the shared Kafka and PostgreSQL of with-infra.
jest.setTimeout(240_000);

const GATEWAY = 'larksync-ingress-gateway';
const DIRECTORY = 'larksync-directory';
const PROJECTOR = 'larksync-policy-projector';

const HIRE = {
  name: 'Zephyrine Quillfeather',
  enName: 'Zephyrine Q. Trace',
  email: 'zephyrine.quillfeather@trace-e2e.example',
  mobile: '+8613912345678',
};

interface Subject {
  status: string;
  disabledReason: string | null;
}

describe('one Lark event, one trace: gateway → directory → projector (built apps, OTLP/HTTP JSON)', () => {
  const cleanup = new CleanupStack();
  let stack: TracedStack;
  let idpId: string;
  let hired: SimUser;
  let resignation: { traceId: string; spanId: string };

  const directoryUrl = () => stack.apps.directory.url;
  const subjectOf = (openId: string) =>
    callJson<Subject>(
      'GET',
      `${stack.apps['policy-projector'].url}/v1/idps/${idpId}/subjects/${openId}`,
      stack.adminToken,
    );

  async function connectIdp(): Promise<void> {
    const idp = await callJson<{ id: string; requestUrl: string }>(
      'POST',
      `${directoryUrl()}/api/idps`,
      stack.adminToken,
      {
        name: `trace-e2e-${Date.now().toString(36)}`,
        platform: 'feishu',
        appId: DEFAULT_APP.appId,
        appSecret: DEFAULT_APP.appSecret,
        encryptKey: DEFAULT_APP.encryptKey,
        verificationToken: DEFAULT_APP.verificationToken,
      },
    );
    idpId = idp.id;
    const app = stack.simulator.apps.require(DEFAULT_APP.appId);
    app.requestUrl = idp.requestUrl;
    const verification = await stack.simulator.delivery.verifyRequestUrl(app);
    if (!verification.isVerified)
      throw new Error(`Request URL not verified: ${JSON.stringify(verification)}`);
  }

  async function fullSync(): Promise<void> {
    const run = await callJson<{ id: string }>(
      'POST',
      `${directoryUrl()}/api/idps/${idpId}/sync`,
      stack.adminToken,
    );
    const finished = await eventually('the full sync', async () => {
      const current = await callJson<{ status: string }>(
        'GET',
        `${directoryUrl()}/api/sync-runs/${run.id}`,
        stack.adminToken,
      );
      return ['succeeded', 'failed', 'held'].includes(current.status) ? current : undefined;
    });
    if (finished.status !== 'succeeded') throw new Error(`full sync ${finished.status}`);
  }

  beforeAll(async () => {
    try {
      stack = await startTracedStack(cleanup);
      await connectIdp();
      await fullSync();
      const department = stack.simulator.org
        .departments()
        .find((candidate) => candidate.parentOpenId === '0')!;
      hired = stack.simulator.mutate.hireUser({
        ...HIRE,
        departmentOpenIds: [department.openDepartmentId],
      }).user;
      await eventually('the hired user to be projected', async () =>
        (await subjectOf(hired.openId)).status === 'active' ? true : undefined,
      );
      stack.simulator.mutate.resignUser(hired.openId);
      const disabled = await stack.subjects.waitFor(
        'the disabled subject',
        (records) =>
          records.find(
            (record) =>
              record.key === entityKey(idpId, hired.openId) &&
              (JSON.parse(record.value ?? '{}') as Subject).status === 'disabled',
          ),
        60_000,
      );
      resignation = traceparentIds(disabled.headers.traceparent);
    } catch (error) {
      await cleanup.run();
      throw error;
    }
  });

  afterAll(() => cleanup.run());

  type SpanRef = [service: string, name: string | RegExp];
  const CHAIN: SpanRef[] = [
    [GATEWAY, /^POST/],
    [GATEWAY, 'publish lark.events.v1'],
    [DIRECTORY, 'process lark.events.v1'],
    [PROJECTOR, 'process directory.changes.v1'],
    [PROJECTOR, 'publish sase.subjects.v1'],
  ];

  /** The resignation's trace once every `required` span of it has been exported. */
  async function resignationTrace(required: SpanRef[] = CHAIN): Promise<TraceView> {
    const complete = (spans: Parameters<typeof TraceView.of>[0]) => {
      const view = TraceView.of(spans, resignation.traceId);
      return required.every(([service, name]) => view.find(service, name));
    };
    await stack.receiver.waitFor(complete, 'the resignation trace to be exported').catch((error: Error) => {
      throw new Error(
        `${error.message}; so far:\n${TraceView.of(stack.receiver.spans, resignation.traceId).render()}`,
      );
    });
    return TraceView.of(stack.receiver.spans, resignation.traceId);
  }

  it('should export JSON spans from all three services', () => {
    const services = new Set(stack.receiver.spans.map((span) => span.service));
    expect(stack.receiver.errors).toEqual([]);
    expect(new Set(stack.receiver.requests)).toEqual(new Set(['POST /v1/traces']));
    expect([...services]).toEqual(expect.arrayContaining([GATEWAY, DIRECTORY, PROJECTOR]));
  });

  it('should carry the resignation in one trace from the webhook request to the sase.subjects.v1 record', async () => {
    const trace = await resignationTrace();
    process.stdout.write(`resignation trace ${resignation.traceId}:\n${trace.render()}\n`);
    const request = trace.require(GATEWAY, /^POST/);
    const gatewayPublish = trace.require(GATEWAY, 'publish lark.events.v1');
    const directoryProcess = trace.require(DIRECTORY, 'process lark.events.v1');
    const projectorProcess = trace.require(PROJECTOR, 'process directory.changes.v1');
    const projectorPublish = trace.require(PROJECTOR, 'publish sase.subjects.v1');
    expect(request).toMatchObject({ kind: 'server', parentSpanId: '' });
    expect(trace.descendsFrom(gatewayPublish, request)).toBe(true);
    expect(gatewayPublish.kind).toBe('producer');
    expect(directoryProcess).toMatchObject({ kind: 'consumer', parentSpanId: gatewayPublish.spanId });
    expect(trace.descendsFrom(projectorProcess, directoryProcess)).toBe(true);
    expect(projectorProcess.kind).toBe('consumer');
    expect(projectorPublish).toMatchObject({
      kind: 'producer',
      parentSpanId: projectorProcess.spanId,
      spanId: resignation.spanId,
    });
  });

  it('should publish directory.changes.v1 from the outbox relay inside the same trace, as the parent of the projector batch', async () => {
    const trace = await resignationTrace([...CHAIN, [DIRECTORY, 'publish directory.changes.v1']]);
    const directoryProcess = trace.require(DIRECTORY, 'process lark.events.v1');
    const relayPublish = trace.require(DIRECTORY, 'publish directory.changes.v1');
    const projectorProcess = trace.require(PROJECTOR, 'process directory.changes.v1');
    expect(relayPublish.kind).toBe('producer');
    expect(trace.descendsFrom(relayPublish, directoryProcess)).toBe(true);
    expect(projectorProcess.parentSpanId).toBe(relayPublish.spanId);
  });

  describe('structured logs', () => {
    const parsed = (app: (typeof TRACED_APPS)[number]) =>
      stack.apps[app].lines.map((line) => JSON.parse(line) as Record<string, unknown>);

    it.each(TRACED_APPS)('%s should write every line as JSON with level, time and service', (app) => {
      for (const line of stack.apps[app].lines) expect(() => JSON.parse(line)).not.toThrow();
      for (const entry of parsed(app))
        expect(entry).toEqual(
          expect.objectContaining({ level: expect.any(String), time: expect.any(String), service: app }),
        );
    });

    it.each(TRACED_APPS)(
      '%s should log the resignation with its trace id and a span id of that trace',
      async (app) => {
        const trace = await resignationTrace();
        const spanIds = new Set(trace.spans.map((span) => span.spanId));
        const lines = parsed(app).filter((entry) => entry.traceId === resignation.traceId);
        expect(lines.length).toBeGreaterThan(0);
        for (const entry of lines) expect(spanIds.has(String(entry.spanId))).toBe(true);
      },
    );

    it("should never write a secret or the user's personal data, in any app", () => {
      const forbidden = {
        appSecret: DEFAULT_APP.appSecret,
        encryptKey: DEFAULT_APP.encryptKey,
        verificationToken: DEFAULT_APP.verificationToken,
        masterKey: stack.masterKey,
        adminToken: stack.adminToken,
        ...HIRE,
      };
      const everything = TRACED_APPS.flatMap((app) => stack.apps[app].lines).join('\n');
      expect(everything).toContain(hired.openId);
      const leaked = Object.entries(forbidden)
        .filter(([, value]) => value && everything.includes(value))
        .map(([field]) => field);
      expect(leaked).toEqual([]);
    });

    it("should not log the synced users' emails or mobiles either", () => {
      const everything = TRACED_APPS.flatMap((app) => stack.apps[app].lines).join('\n');
      const personal = stack.simulator.org
        .users()
        .flatMap((user) => [user.email, user.enterpriseEmail, user.mobile])
        .filter((value): value is string => !!value);
      expect(personal.length).toBeGreaterThan(0);
      expect(personal.filter((value) => everything.includes(value))).toEqual([]);
    });
  });
});
