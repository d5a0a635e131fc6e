import { createHash } from 'node:crypto';
import { AUTHORIZATION_CODE_LIFETIME_MS } from './oauth-grants';
import { DEFAULT_APP } from './sim-apps';
import { LarkSimulator, startLarkSimulator } from './simulator';

const REDIRECT = 'https://sase.example.com/open-dev/feishu';

describe('OAuth (SSO)', () => {
  let sim: LarkSimulator;

  beforeAll(async () => {
    sim = await startLarkSimulator({
      seed: 4,
      users: 60,
      apps: [{ ...DEFAULT_APP, redirectUris: [REDIRECT] }],
    });
  });

  afterAll(() => sim.stop());

  async function authorize(params: Record<string, string>): Promise<Response> {
    const query = new URLSearchParams({
      client_id: DEFAULT_APP.appId,
      redirect_uri: REDIRECT,
      state: 'csrf-1',
      ...params,
    });
    return fetch(`${sim.url}/open-apis/authen/v1/authorize?${query.toString()}`, { redirect: 'manual' });
  }

  async function codeFor(openId: string, extra: Record<string, string> = {}): Promise<string> {
    const response = await authorize({ as_open_id: openId, ...extra });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('csrf-1');
    return location.searchParams.get('code')!;
  }

  async function exchange(body: Record<string, string>): Promise<{ status: number; body: any }> {
    const payload = {
      grant_type: 'authorization_code',
      client_id: DEFAULT_APP.appId,
      client_secret: DEFAULT_APP.appSecret,
      redirect_uri: REDIRECT,
      ...body,
    };
    const response = await fetch(`${sim.url}/open-apis/authen/v2/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(payload),
    });
    return { status: response.status, body: await response.json() };
  }

  const activeUser = () => sim.org.listedUsers().find((u) => !u.status.isFrozen && !u.status.isUnjoin)!;

  it('should show a user picker when no user is chosen', async () => {
    const response = await authorize({});
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('as_open_id=');
  });

  it('should exchange a code once for a token that reads user_info', async () => {
    const user = activeUser();
    const code = await codeFor(user.openId);
    const token = await exchange({ code });
    expect(token).toEqual({
      status: 200,
      body: {
        code: 0,
        access_token: expect.stringMatching(/^u-/),
        expires_in: 7200,
        token_type: 'Bearer',
        scope: '',
      },
    });
    const info = await fetch(`${sim.url}/open-apis/authen/v1/user_info`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(await info.json()).toEqual({
      code: 0,
      msg: 'success',
      data: expect.objectContaining({
        open_id: user.openId,
        union_id: user.unionId,
        tenant_key: sim.org.tenantKey,
      }),
    });
    expect((await exchange({ code })).body.code).toBe(20065);
  });

  it('should refuse an expired code', async () => {
    const code = await codeFor(activeUser().openId);
    sim.clock.advance(AUTHORIZATION_CODE_LIFETIME_MS + 1);
    expect(await exchange({ code })).toEqual({
      status: 400,
      body: expect.objectContaining({ code: 20004, error: 'invalid_grant' }),
    });
  });

  it.each([
    ['a wrong client secret', { client_secret: 'nope' }, 20002],
    ['an unknown code', { code: 'made-up' }, 20003],
    ['a different redirect_uri', { redirect_uri: 'https://evil.example.com/cb' }, 20071],
    ['an unknown grant type', { grant_type: 'password' }, 20036],
  ])('should refuse %s', async (_case, override, code) => {
    const valid = await codeFor(activeUser().openId);
    expect((await exchange({ code: valid, ...override })).body.code).toBe(code);
  });

  it('should check PKCE and issue refresh tokens only with offline_access, each usable once', async () => {
    const verifier = 'v'.repeat(50);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await codeFor(activeUser().openId, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: 'offline_access',
    });
    expect((await exchange({ code, code_verifier: 'w'.repeat(50) })).body.code).toBe(20049);
    const second = await codeFor(activeUser().openId, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
      scope: 'offline_access',
    });
    const token = await exchange({ code: second, code_verifier: verifier });
    expect(token.body.refresh_token).toEqual(expect.any(String));
    const refreshed = await exchange({
      grant_type: 'refresh_token',
      refresh_token: token.body.refresh_token,
    });
    expect(refreshed.body.code).toBe(0);
    expect(
      (await exchange({ grant_type: 'refresh_token', refresh_token: token.body.refresh_token })).body.code,
    ).toBe(20073);
  });

  it('should redirect with access_denied and refuse unregistered redirect URIs', async () => {
    const denied = await authorize({ deny: '1' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('error')).toBe('access_denied');
    expect(
      (await authorize({ redirect_uri: 'https://evil.example.com/cb', as_open_id: activeUser().openId }))
        .status,
    ).toBe(400);
  });

  it.each([
    ['resigned', 20021],
    ['frozen', 20022],
  ])('should answer user_info for a %s user with its error code', async (status, code) => {
    const user = sim.org
      .listedUsers()
      .find((u) => !u.status.isFrozen && !u.status.isUnjoin && u.openId !== activeUser().openId)!;
    const token = await exchange({ code: await codeFor(user.openId) });
    if (status === 'resigned') sim.mutate.resignUser(user.openId);
    else sim.mutate.freezeUser(user.openId);
    const info = await fetch(`${sim.url}/open-apis/authen/v1/user_info`, {
      headers: { authorization: `Bearer ${token.body.access_token}` },
    });
    expect(((await info.json()) as { code: number }).code).toBe(code);
  });

  it('should consent automatically as the configured user', async () => {
    const user = activeUser();
    const auto = await startLarkSimulator({ seed: 4, users: 60, autoConsentOpenId: user.openId });
    try {
      const response = await fetch(
        `${auto.url}/open-apis/authen/v1/authorize?client_id=${DEFAULT_APP.appId}&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s`,
        { redirect: 'manual' },
      );
      expect(response.status).toBe(302);
      expect(new URL(response.headers.get('location')!).searchParams.get('code')).toEqual(expect.any(String));
    } finally {
      await auto.stop();
    }
  });
});

describe('OAuth (SSO): the QR variant of the authorize page', () => {
  let sim: LarkSimulator;
  const query = new URLSearchParams({ client_id: DEFAULT_APP.appId, redirect_uri: REDIRECT, state: 'qr-1' });
  const authorizeUrl = () => `${sim.url}/open-apis/authen/v1/authorize`;

  beforeAll(async () => {
    sim = await startLarkSimulator({
      seed: 5,
      users: 10,
      apps: [{ ...DEFAULT_APP, redirectUris: [REDIRECT] }],
    });
  });

  afterAll(() => sim.stop());

  const scan = (ticket: string, openId: string) =>
    fetch(`${sim.url}/open-apis/sim/qr/scan`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ticket, open_id: openId }),
    });

  it('should show a QR code, wait for the scan, then send the browser back with a code for who scanned it', async () => {
    const page = await (await fetch(`${authorizeUrl()}?${query.toString()}&login=qr`)).text();
    const ticket = /data-qr-ticket="([^"]+)"/.exec(page)![1];
    const continueUrl = new URL(
      /id="continue" href="([^"]+)"/.exec(page)![1].replace(/&#38;/g, '&'),
      sim.url,
    );
    const waiting = await fetch(continueUrl, { redirect: 'manual' });
    expect(waiting.status).toBe(200);
    expect(await waiting.text()).toContain('Waiting for the QR code');
    const user = sim.org.users()[0];
    expect((await scan(ticket, user.openId)).status).toBe(200);
    expect((await scan(ticket, user.openId)).status).toBe(400);
    const done = await fetch(continueUrl, { redirect: 'manual' });
    expect(done.status).toBe(302);
    const location = new URL(done.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('qr-1');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]+$/);
    expect((await fetch(continueUrl, { redirect: 'manual' })).status).toBe(400);
  });

  it('should refuse a scan of an unknown ticket, or by an unknown user', async () => {
    expect((await scan('no-such-ticket', sim.org.users()[0].openId)).status).toBe(400);
    const page = await (await fetch(`${authorizeUrl()}?${query.toString()}&login=qr`)).text();
    const ticket = /data-qr-ticket="([^"]+)"/.exec(page)![1];
    expect((await scan(ticket, 'ou_nobody')).status).toBe(400);
  });
});
