import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { REDACTED_FIELDS } from '@app/logging';
import { runMigrations } from '@app/persistence';
import { startDirectoryApp, TEST_ADMIN_TOKEN, TestDirectoryApp } from '../testing/directory-app';

const logLines: string[] = [];
const captured = pino(
  { level: 'trace', redact: { paths: REDACTED_FIELDS, censor: '[redacted]' } },
  new Writable({ write: (chunk, _encoding, done) => (logLines.push(String(chunk)), done()) }),
);

const SECRETS = {
  appSecret: 'app-secret-VALUE-91',
  encryptKey: 'encrypt-KEY-value-92',
  verificationToken: 'verify-TOKEN-value-93',
};

function anIdp(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `测试-${randomUUID().slice(0, 8)}`,
    description: 'Sign in with Feishu',
    appId: 'cli_a1b2c3',
    ...SECRETS,
    ...overrides,
  };
}

describe('admin API: IdP configuration (real PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  const bodies: string[] = [];

  async function call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    token = TEST_ADMIN_TOKEN,
  ) {
    const response = await directory.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${token}` },
    });
    bodies.push(response.body);
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(captured);
  });

  afterAll(async () => {
    await directory?.app.close();
  });

  it('should create an IdP with defaults and return the URLs for Lark but no secret', async () => {
    const { status, body } = await call('POST', '/api/idps', anIdp());
    expect(status).toBe(201);
    expect(body).toMatchObject({
      status: 'enabled',
      platform: 'feishu',
      syncIntervalHours: 24,
      scope: { mode: 'all' },
      requestUrl: `https://sase.example.com/lark/events/${body.id}`,
      redirectUrl: 'https://sase.example.com/open-dev/feishu',
    });
    expect(body.fieldMapping.email).toBe('email');
    expect(JSON.stringify(body)).not.toMatch(/cli_a1b2c3|appSecret|verificationToken|encryptKey/);
    expect((await call('GET', `/api/idps/${body.id}`)).body.id).toBe(body.id);
    expect((await call('GET', '/api/idps')).body.map((idp: { id: string }) => idp.id)).toContain(body.id);
  });

  it.each([
    ['name', { name: 'x' }],
    ['name', { name: 'bad name!' }],
    ['name', { name: 'a'.repeat(101) }],
    ['description', { description: 42 }],
    ['status', { status: 'paused' }],
    ['appId', { appId: undefined }],
    ['appId', { appId: 'not-an-app-id' }],
    ['appSecret', { appSecret: 'short' }],
    ['encryptKey', { encryptKey: 'has spaces in it' }],
    ['verificationToken', { verificationToken: undefined }],
    ['platform', { platform: 'slack' }],
    ['autoSync', { autoSync: 'yes' }],
    ['syncUserInfo', { syncUserInfo: 1 }],
    ['syncIntervalHours', { syncIntervalHours: 0 }],
    ['syncIntervalHours', { syncIntervalHours: 25 }],
    ['syncIntervalHours', { syncIntervalHours: 1.5 }],
    ['scope.mode', { scope: { mode: 'some' } }],
    ['scope.departmentIds', { scope: { mode: 'partial', departmentIds: 'od-1' } }],
    ['scope.groupIds', { scope: { mode: 'partial', groupIds: [''] } }],
    ['scope', { scope: { mode: 'partial', departmentIds: [], groupIds: [] } }],
    ['fieldMapping', { fieldMapping: { email: 'no_such_field' } }],
    ['fieldMapping', { fieldMapping: { 'bad name': 'email' } }],
    ['deletionGuard.maxPercent', { deletionGuard: { maxPercent: 101, maxCount: 10 } }],
    ['deletionGuard.maxCount', { deletionGuard: { maxPercent: 10, maxCount: -1 } }],
    ['unexpected', { unexpected: true }],
  ])('should answer 400 naming %s', async (field, overrides) => {
    const { status, body } = await call('POST', '/api/idps', anIdp(overrides));
    expect(status).toBe(400);
    expect(body.fields.map((problem: { field: string }) => problem.field)).toContain(field);
  });

  it('should refuse a request without the admin token with a JSON 401', async () => {
    const { status, body } = await call('GET', '/api/idps', undefined, 'wrong-token');
    expect(status).toBe(401);
    expect(body.message).toMatch(/credential is not valid/);
  });

  it('should publish an idp change when status, mapping or scope change, keeping secrets not sent', async () => {
    const { body: idp } = await call('POST', '/api/idps', anIdp());
    const { status, body } = await call('PATCH', `/api/idps/${idp.id}`, {
      status: 'closed',
      scope: { mode: 'partial', departmentIds: ['od-1'] },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'closed',
      scope: { mode: 'partial', departmentIds: ['od-1'], groupIds: [] },
    });
    const outbox = await directory.dataSource.query(`SELECT value FROM outbox WHERE key = $1 ORDER BY id`, [
      `${idp.id}:${idp.id}`,
    ]);
    expect(outbox.map((row: { value: string }) => JSON.parse(row.value).op)).toEqual(['created', 'updated']);
    expect(JSON.parse(outbox[1].value).after).toMatchObject({ idpId: idp.id, status: 'closed' });
    const [row] = await directory.dataSource.query(`SELECT sealed_credentials FROM idp WHERE id = $1`, [
      idp.id,
    ]);
    expect(row.sealed_credentials).not.toContain(SECRETS.appSecret);
  });

  it('should delete directory data only when confirmed', async () => {
    const { body: idp } = await call('POST', '/api/idps', anIdp());
    await directory.dataSource.query(
      `INSERT INTO department (idp_id, open_department_id, status) VALUES ($1, 'od-x', 'active')`,
      [idp.id],
    );
    const refused = await call('DELETE', `/api/idps/${idp.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/1 departments.*confirm=true/);
    expect((await call('DELETE', `/api/idps/${idp.id}?confirm=true`)).body).toEqual({
      deleted: true,
      departments: 1,
      users: 0,
    });
    expect((await call('GET', `/api/idps/${idp.id}`)).status).toBe(404);
    expect(await directory.dataSource.query(`SELECT 1 FROM department WHERE idp_id = $1`, [idp.id])).toEqual(
      [],
    );
  });

  it('should serve the OpenAPI document', async () => {
    const response = await directory.app.inject({ method: 'GET', url: '/api/docs-json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(JSON.parse(response.body).paths)).toEqual(
      expect.arrayContaining(['/api/idps', '/api/idps/{idpId}']),
    );
  });

  it('should never put a secret in any response or log line', () => {
    const everything = [...bodies, ...logLines].join('\n');
    expect(bodies.length).toBeGreaterThan(20);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });
});
