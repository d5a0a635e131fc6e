import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@app/config';
import { createLogger } from '@app/logging';
import { CREDENTIAL_ROLES, CredentialRole, runMigrations } from '@app/persistence';
import { AccessControl, AUTH_FAILURES_PER_MINUTE, grants, ServedRoute } from '@app/platform';
import { eventually } from '@app/testing';
import {
  insertIdp,
  startDirectoryApp,
  TEST_ADMIN_TOKEN,
  TestDirectoryApp,
} from '../../apps/directory/src/testing/directory-app';
import { startGateway } from '../../apps/ingress-gateway/test/gateway-harness';
import { startProjector } from '../../apps/policy-projector/src/testing/projector-harness';
import { AppModule as SchedulerModule } from '../../apps/scheduler/src/app.module';
import { SchedulerEnv } from '../../apps/scheduler/src/config/scheduler.config';
import { SchedulerTickService } from '../../apps/scheduler/src/schedule/scheduler-tick.service';

/** Public by decision, each for a reason given where it is declared; anything else must ask for a role. */
const PUBLIC = [
  /^(GET|HEAD) \/(health\/live|health\/ready|metrics)$/,
  /^(GET|HEAD) \/api\/docs/,
  /^POST \/lark\/events\/:idpId$/,
  /^(GET|HEAD) \/(sso\/:idpId\/login|open-dev\/feishu|\.well-known\/jwks\.json)$/,
  /^POST \/sso\/(introspect|token)$/,
  /^(GET|HEAD) \/api\/enterprises\/:identifier\/identity-sources$/,
];
const ROUTE_PARAM = randomUUID();

interface Issued {
  id: string;
  secret: string;
}

let addresses = 0;
/** A new client address per refused request, so these checks never trip the failed-authentication limit. */
const nextAddress = () => `10.${(++addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;

describe('access control of every route the four apps serve (real PostgreSQL and Kafka)', () => {
  const logger = createLogger('access-control-int', 'silent');
  let directory: TestDirectoryApp;
  let projector: NestFastifyApplication;
  let apps: { name: string; app: NestFastifyApplication }[];
  let closeGateway: () => Promise<void>;
  const byRole = {} as Record<CredentialRole, Issued>;
  let revoked: Issued;
  let expired: Issued;
  let limitedToAnotherIdp: Issued;

  async function admin(method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) {
    const response = await directory.app.inject({
      method,
      url,
      payload,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  async function issue(role: CredentialRole, extra: object = {}): Promise<Issued> {
    const { status, body } = await admin('POST', '/api/credentials', {
      name: `access-${role}-${randomUUID().slice(0, 8)}`,
      role,
      ...extra,
    });
    expect(status).toBe(201);
    return body;
  }

  async function startScheduler(): Promise<NestFastifyApplication> {
    const config = loadConfig(SchedulerEnv, {
      KAFKA_BROKERS: process.env.KAFKA_BROKERS,
      DATABASE_URL: process.env.DATABASE_URL,
    });
    // No ticks: this suite shares the database, and the scheduler would queue syncs of other suites' IdPs.
    const moduleRef = await Test.createTestingModule({ imports: [SchedulerModule.register(config, logger)] })
      .overrideProvider(SchedulerTickService)
      .useValue({})
      .compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    await app.init();
    return app;
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(logger);
    projector = await startProjector({ consume: false });
    const gateway = await startGateway(
      { kafkaBrokers: process.env.KAFKA_BROKERS!, databaseUrl: process.env.DATABASE_URL! },
      {},
    );
    closeGateway = gateway.close;
    apps = [
      { name: 'directory', app: directory.app },
      { name: 'policy-projector', app: projector },
      { name: 'ingress-gateway', app: gateway.app },
      { name: 'scheduler', app: await startScheduler() },
    ];
    for (const role of CREDENTIAL_ROLES) byRole[role] = await issue(role);
    revoked = await issue('admin');
    expect((await admin('DELETE', `/api/credentials/${revoked.id}`)).status).toBe(200);
    expired = await issue('admin');
    await directory.dataSource.query(
      `UPDATE api_credential SET expires_at = now() - interval '1 minute' WHERE id = $1`,
      [expired.id],
    );
    limitedToAnotherIdp = await issue('admin', { idpIds: [await insertIdp(directory.dataSource)] });
  });

  afterAll(async () => {
    for (const { name, app } of apps ?? []) if (name !== 'ingress-gateway') await app.close();
    await closeGateway?.();
  });

  const served = (app: NestFastifyApplication): readonly ServedRoute[] =>
    app.get(AccessControl).servedRoutes();

  it('should serve no route that declares no access, and only the public routes decided on', () => {
    for (const { name, app } of apps) {
      const routes = served(app);
      expect(routes.length).toBeGreaterThan(2);
      expect({ app: name, undeclared: routes.filter((route) => route.access === undefined) }).toEqual({
        app: name,
        undeclared: [],
      });
      const publicRoutes = routes
        .filter((route) => route.access === 'public')
        .map((r) => `${r.method} ${r.url}`);
      expect(publicRoutes.filter((route) => !PUBLIC.some((pattern) => pattern.test(route)))).toEqual([]);
    }
  });

  it('should refuse every protected route, with a JSON error, without a good enough credential', async () => {
    const mismatches: string[] = [];
    const checked = new Set<string>();
    for (const { name, app } of apps) {
      for (const route of served(app)) {
        if (route.access === 'public' || route.access === undefined || route.method === 'HEAD') continue;
        const required = route.access;
        checked.add(`${name} ${route.method} ${route.url}`);
        const url = route.url.replace(/:[A-Za-z]+/g, ROUTE_PARAM).replace(/\*$/, 'x');
        const cases: [string, string | undefined, number][] = [
          ['no credential', undefined, 401],
          ['a malformed one', 'Bearer not-a-credential', 401],
          ['a wrong secret', `Bearer ${byRole.admin.secret.slice(0, -2)}xx`, 401],
          ['a revoked one', `Bearer ${revoked.secret}`, 401],
          ['an expired one', `Bearer ${expired.secret}`, 401],
          ['one limited to another IdP', `Bearer ${limitedToAnotherIdp.secret}`, 403],
          ...CREDENTIAL_ROLES.filter((role) => !grants(role, required)).map(
            (role): [string, string, number] => [`role ${role}`, `Bearer ${byRole[role].secret}`, 403],
          ),
        ];
        for (const [what, authorization, expected] of cases) {
          const response = await app.inject({
            method: route.method as 'GET',
            url,
            remoteAddress: nextAddress(),
            headers: authorization ? { authorization } : {},
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          const body = /json/.test(String(response.headers['content-type'])) ? response.json() : undefined;
          const message: unknown = body?.message ?? body?.detail;
          if (response.statusCode !== expected || typeof message !== 'string')
            mismatches.push(
              `${name} ${route.method} ${route.url} (${required}) with ${what}: ${response.statusCode} ${response.body}`,
            );
        }
        const allowed = await app.inject({
          method: route.method as 'GET',
          url,
          headers: { authorization: `Bearer ${byRole[required].secret}` },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        if ([401, 403, 500].includes(allowed.statusCode))
          mismatches.push(
            `${name} ${route.method} ${route.url} refused its own role ${required}: ${allowed.body}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toContain('policy-projector GET /v1/idps/:idpId/subjects/:openId');
    expect(checked).toContain('directory POST /api/credentials');
  });

  it('should show in the OpenAPI document the role each admin route needs', async () => {
    const document = (await directory.app.inject({ url: '/api/docs-json' })).json();
    const operations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(
      ([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(15);
    expect(document.security).toEqual([{ bearer: [] }]);
    for (const { route, operation } of operations)
      expect({ route, role: operation['x-required-role'] }).toEqual({
        route,
        role: expect.stringMatching(/^(admin|operator|viewer)$/),
      });
  });

  it('should show a credential secret once, keep only its hash, and record its use', async () => {
    const issued = await issue('policy-reader');
    expect(issued.secret).toMatch(/^lsk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const stored = await directory.dataSource.query(`SELECT * FROM api_credential WHERE id = $1`, [
      issued.id,
    ]);
    expect(JSON.stringify(stored)).not.toContain(issued.secret);
    const call = await projector.inject({
      url: '/scim/v2/ServiceProviderConfig',
      headers: { authorization: `Bearer ${issued.secret}` },
    });
    expect(call.statusCode).toBe(200);
    const listed = await eventually('the last use recorded', async () => {
      const { body } = await admin('GET', '/api/credentials');
      const found = body.find((credential: { id: string }) => credential.id === issued.id);
      return found?.lastUsedAt ? found : undefined;
    });
    expect(Object.keys(listed).sort()).toEqual(
      [
        'createdAt',
        'enterpriseId',
        'expiresAt',
        'id',
        'idpIds',
        'lastUsedAt',
        'name',
        'revokedAt',
        'role',
      ].sort(),
    );
  });

  it.each([
    ['an unknown role', { role: 'root' }, 'role'],
    ['a past expiry', { role: 'viewer', expiresAt: '2020-01-01T00:00:00Z' }, 'expiresAt'],
    ['an unknown IdP', { role: 'viewer', idpIds: [randomUUID()] }, 'idpIds'],
    ['no name', { name: undefined, role: 'viewer' }, 'name'],
  ])('should refuse to create a credential with %s', async (_case, input, field) => {
    const { status, body } = await admin('POST', '/api/credentials', { name: 'refused', ...input });
    expect(status).toBe(400);
    expect(body.message).toContain(field);
  });

  it('should refuse a revoked credential on another app within seconds', async () => {
    const reader = await issue('policy-reader');
    const read = () =>
      projector.inject({
        url: '/scim/v2/ServiceProviderConfig',
        headers: { authorization: `Bearer ${reader.secret}` },
      });
    expect((await read()).statusCode).toBe(200);
    expect((await admin('DELETE', `/api/credentials/${reader.id}`)).status).toBe(200);
    const refused = await eventually(
      'the revocation seen by the projector',
      async () => {
        const response = await read();
        return response.statusCode === 401 ? response : undefined;
      },
      10_000,
    );
    expect(refused.json()).toMatchObject({ detail: 'the credential was revoked', status: '401' });
  });

  it('should answer 429 with Retry-After past the failed authentications an address may make, and count them', async () => {
    const address = '203.0.113.9';
    const attempt = (authorization: string, remoteAddress = address) =>
      projector.inject({
        url: `/v1/idps/${ROUTE_PARAM}/subjects/ou_x`,
        remoteAddress,
        headers: { authorization },
      });
    for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++)
      expect((await attempt('Bearer wrong')).statusCode).toBe(401);
    const limited = await attempt('Bearer wrong');
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.json()).toMatchObject({ statusCode: 429 });
    const fresh = await issue('policy-reader');
    expect((await attempt(`Bearer ${fresh.secret}`)).statusCode).toBe(429);
    expect((await attempt('Bearer wrong', '203.0.113.10')).statusCode).toBe(401);
    const metrics = (await projector.inject({ url: '/metrics' })).body;
    expect(metrics).toMatch(/larksync_auth_failures_total\{reason="rate_limited"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/larksync_auth_failures_total\{reason="unknown"[^}]*\} [1-9]/);
  });
});
