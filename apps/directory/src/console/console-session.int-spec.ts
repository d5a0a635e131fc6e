import { createLogger } from '@app/logging';
import { runMigrations } from '@app/persistence';
import { eventually } from '@app/testing';
import { startDirectoryApp, TEST_ADMIN_TOKEN, TestDirectoryApp } from '../testing/directory-app';

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: object;
}

let addresses = 0;

describe('console sessions: a credential turned into a cookie session with CSRF protection (real PostgreSQL)', () => {
  const logger = createLogger('console-session-int', 'silent');
  let directory: TestDirectoryApp;

  const call = async ({ method, url, headers = {}, payload }: Call) => {
    // Each call from its own address: the refusals tested here never trip the failed-authentication limit.
    const response = await directory.app.inject({
      method,
      url,
      payload,
      headers: { 'x-forwarded-for': `10.9.0.${++addresses % 250}`, ...headers },
    });
    return {
      status: response.statusCode,
      body: response.body ? JSON.parse(response.body) : undefined,
      setCookie: String(response.headers['set-cookie'] ?? ''),
    };
  };
  const credential = async (role: string, name = `console-${role}-${Date.now()}`) =>
    (
      await call({
        method: 'POST',
        url: '/api/credentials',
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
        payload: { name, role },
      })
    ).body as { id: string; name: string; secret: string };
  const signIn = async (secret: string) => {
    const response = await call({
      method: 'POST',
      url: '/api/session',
      headers: { authorization: `Bearer ${secret}` },
    });
    const cookie = /^(larksync_session=[^;]+)/.exec(response.setCookie)?.[1];
    return { ...response, cookie: cookie!, csrfToken: response.body?.csrfToken as string };
  };

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    directory = await startDirectoryApp(logger);
  });
  afterAll(() => directory?.app.close());

  it('refuses sign-in without a credential or with a wrong one, and sets no cookie', async () => {
    const missing = await call({ method: 'POST', url: '/api/session' });
    const wrong = await signIn(`lsk_${'0'.repeat(32)}_${'A'.repeat(43)}`);
    expect([missing.status, wrong.status]).toEqual([401, 401]);
    expect(missing.setCookie + wrong.setCookie).toBe('');
  });

  it('sets an HttpOnly, SameSite=Strict cookie that holds no secret, and the session acts with the credential', async () => {
    const viewer = await credential('viewer');
    const session = await signIn(viewer.secret);
    expect(session.status).toBe(200);
    expect(session.setCookie).toMatch(/HttpOnly/);
    expect(session.setCookie).toMatch(/SameSite=Strict/);
    expect(session.setCookie).not.toContain(viewer.secret.slice('lsk_'.length + 33));
    expect(session.body).toEqual({
      credential: { id: viewer.id, name: viewer.name, role: 'viewer', idpIds: null },
      csrfToken: expect.any(String),
    });
    expect(
      (await call({ method: 'GET', url: '/api/idps', headers: { cookie: session.cookie } })).status,
    ).toBe(200);
    const current = await call({ method: 'GET', url: '/api/session', headers: { cookie: session.cookie } });
    expect(current.body).toEqual(session.body);
    const admin = await call({
      method: 'POST',
      url: '/api/credentials',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      payload: { name: 'not-allowed', role: 'viewer' },
    });
    expect(admin.status).toBe(403);
    expect(admin.body.message).toMatch(/requires the admin role/);
  });

  it('refuses a change made with the cookie but without its CSRF token, and audits one made with it', async () => {
    const admin = await credential('admin');
    const session = await signIn(admin.secret);
    const create = (headers: Record<string, string>) =>
      call({
        method: 'POST',
        url: '/api/credentials',
        headers,
        payload: { name: `via-session-${Date.now()}`, role: 'viewer' },
      });
    const withoutToken = await create({ cookie: session.cookie });
    const wrongToken = await create({ cookie: session.cookie, 'x-csrf-token': 'A'.repeat(43) });
    expect([withoutToken.status, wrongToken.status]).toEqual([403, 403]);
    expect(withoutToken.body.message).toMatch(/CSRF token/);
    const made = await create({ cookie: session.cookie, 'x-csrf-token': session.csrfToken });
    expect(made.status).toBe(201);
    const audit = await call({
      method: 'GET',
      url: `/api/audit?actor=${admin.id}`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(audit.body.records[0]).toMatchObject({
      action: 'credential.created',
      credential: { id: admin.id, name: admin.name },
    });
  });

  it('ends the sessions of a revoked credential within seconds, and refuses a tampered cookie', async () => {
    const operator = await credential('operator');
    const session = await signIn(operator.secret);
    const [payload] = session.cookie.split('.');
    const tampered = `${payload}.9999999999999.AAAA.AAAA`;
    expect((await call({ method: 'GET', url: '/api/idps', headers: { cookie: tampered } })).status).toBe(401);
    await call({
      method: 'DELETE',
      url: `/api/credentials/${operator.id}`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    const refused = await eventually('the revoked session refused', async () => {
      const response = await call({ method: 'GET', url: '/api/idps', headers: { cookie: session.cookie } });
      return response.status === 401 && response;
    });
    expect(refused.body.message).toBe('the credential was revoked');
  });

  it('refuses a policy-reader credential, and signs out by clearing the cookie', async () => {
    const reader = await credential('policy-reader');
    expect((await signIn(reader.secret)).status).toBe(403);
    const session = await signIn((await credential('viewer')).secret);
    const signOut = await call({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
    });
    expect(signOut.status).toBe(204);
    expect(signOut.setCookie).toMatch(/larksync_session=;.*Max-Age=0/);
  });
});
