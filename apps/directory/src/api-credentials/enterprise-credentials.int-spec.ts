import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { runMigrations } from '@app/persistence';
import { startDirectoryApp, TEST_ADMIN_TOKEN, TestDirectoryApp } from '../testing/directory-app';

const anIdp = (enterpriseId?: string) => ({
  name: `cred-${randomUUID().slice(0, 8)}`,
  appId: 'cli_cred1',
  appSecret: 'credential-secret-1',
  verificationToken: 'vt-credential',
  ...(enterpriseId ? { enterpriseId } : {}),
});

describe('API credentials limited to an enterprise (real PostgreSQL)', () => {
  let directory: TestDirectoryApp;
  let address = 0;

  async function call(method: 'GET' | 'POST', url: string, payload?: unknown, token = TEST_ADMIN_TOKEN) {
    const response = await directory.app.inject({
      method,
      url,
      payload: payload as object,
      headers: { authorization: `Bearer ${token}` },
      // A new client address per request, so refusals never trip the failed-authentication limit.
      remoteAddress: `10.21.0.${++address}`,
    });
    return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await directory?.app.close();
  });

  it("should reach its enterprise's IdPs, those added later too, and no other enterprise's", async () => {
    const { body: enterprise } = await call('POST', '/api/enterprises', { name: `Cred ${randomUUID()}` });
    const { body: own } = await call('POST', '/api/idps', anIdp(enterprise.id));
    const { body: foreign } = await call('POST', '/api/idps', anIdp());
    const created = await call('POST', '/api/credentials', {
      name: `enterprise-viewer-${randomUUID().slice(0, 8)}`,
      role: 'viewer',
      enterpriseId: enterprise.id,
    });
    expect(created).toMatchObject({ status: 201, body: { enterpriseId: enterprise.id, idpIds: null } });
    const secret = created.body.secret;
    // Added after the credential was made (and before its first use, which is cached for a few seconds).
    const { body: later } = await call('POST', '/api/idps', anIdp(enterprise.id));
    expect((await call('GET', `/api/idps/${own.id}`, undefined, secret)).status).toBe(200);
    expect((await call('GET', `/api/idps/${later.id}`, undefined, secret)).status).toBe(200);
    expect((await call('GET', `/api/idps/${foreign.id}`, undefined, secret)).status).toBe(403);
  });

  it('should refuse a credential limited both to IdPs and to an enterprise, or to an unknown enterprise', async () => {
    const { body: enterprise } = await call('POST', '/api/enterprises', { name: `Both ${randomUUID()}` });
    const { body: idp } = await call('POST', '/api/idps', anIdp(enterprise.id));
    const base = { name: `bad-${randomUUID().slice(0, 8)}`, role: 'viewer' };
    const both = await call('POST', '/api/credentials', {
      ...base,
      idpIds: [idp.id],
      enterpriseId: enterprise.id,
    });
    expect(both.status).toBe(400);
    const unknown = await call('POST', '/api/credentials', { ...base, enterpriseId: randomUUID() });
    expect(unknown).toMatchObject({
      status: 400,
      body: { message: expect.stringMatching(/enterprise .* not found/) },
    });
  });
});
