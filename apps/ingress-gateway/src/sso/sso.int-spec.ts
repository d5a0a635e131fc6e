import {
  generateOrg,
  LarkSimulator,
  SimAppConfig,
  SimUser,
  startLarkSimulator,
} from '../../../../test/lark-simulator';
import { runMigrations } from '@app/persistence';
import { createRemoteJWKSet, JWTPayload, jwtVerify } from 'jose';
import { SsoStateCodec } from './sso-state';
import { hop, signIn } from './testing/sso-browser';
import { TEST_MASTER_KEY } from '@app/testing';
import { SsoFixtures, SsoGateway, startSsoGateway } from './testing/sso-fixtures';

const TENANT_KEY = 'tenant_sso_int_0001';
const SSO_APP: SimAppConfig = {
  appId: 'cli_sso_int_00000001',
  appSecret: 'sso-int-secret',
  verificationToken: 'vt_sso_int',
};
const SASE_ORIGIN = 'https://sase.example.com';

function isActiveInLark(user: SimUser): boolean {
  return !user.status.isResigned && !user.status.isFrozen && !user.status.isUnjoin;
}

describe('Lark SSO through the gateway, against the simulator and real PostgreSQL', () => {
  let sim: LarkSimulator;
  let gateway: SsoGateway;
  let fixtures: SsoFixtures;
  let idpId: string;
  let users: Record<'active' | 'resigned' | 'outOfScope' | 'missing' | 'frozen' | 'larkResigned', SimUser>;
  /** As a relying party does: with the gateway's published JWKS and nothing else. */
  const verifySession = async (session: string): Promise<JWTPayload> =>
    (
      await jwtVerify(session, createRemoteJWKSet(new URL(`${gateway.url}/.well-known/jwks.json`)), {
        issuer: gateway.url,
        audience: 'sase-client',
      })
    ).payload;
  const loginUrl = (id = idpId, query = '') => `${gateway.url}/sso/${id}/login${query}`;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    fixtures = new SsoFixtures(process.env.DATABASE_URL!);
    await fixtures.connect();
    const org = generateOrg({ seed: 7, users: 40, tenantKey: TENANT_KEY });
    const [active, resigned, outOfScope, missing, frozen, larkResigned] = org.users.filter(isActiveInLark);
    users = { active, resigned, outOfScope, missing, frozen, larkResigned };
    sim = await startLarkSimulator({ org, apps: [SSO_APP], autoConsentOpenId: active.openId });
    idpId = await fixtures.createIdp({ ...SSO_APP, tenantKey: TENANT_KEY });
    await fixtures.addDirectoryUser(idpId, users.active.openId, 'active', 'Active Person');
    await fixtures.addDirectoryUser(idpId, users.resigned.openId, 'resigned');
    await fixtures.addDirectoryUser(idpId, users.outOfScope.openId, 'out_of_scope');
    await fixtures.addDirectoryUser(idpId, users.frozen.openId, 'frozen');
    await fixtures.addDirectoryUser(idpId, users.larkResigned.openId, 'active');
    gateway = await startSsoGateway({ larkBaseUrl: sim.url, ssoRedirectOrigins: SASE_ORIGIN });
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.stop();
    await fixtures?.close();
  });

  it("should send the browser to Lark's authorize page with the app, the redirect URL, state and an S256 challenge", async () => {
    const login = await hop(loginUrl());
    expect(login.status).toBe(302);
    const location = new URL(login.location!);
    expect(`${location.origin}${location.pathname}`).toBe(`${sim.url}/open-apis/authen/v1/authorize`);
    expect(location.searchParams.get('client_id')).toBe(SSO_APP.appId);
    expect(location.searchParams.get('redirect_uri')).toBe(`${gateway.url}/open-dev/feishu`);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(login.headers.get('set-cookie')).toMatch(
      /^larksync_sso=[A-Za-z0-9_-]{22}; Max-Age=600; Path=\/open-dev\/feishu; HttpOnly; SameSite=Lax$/,
    );
  });

  it('should give an active directory user a 1-hour session that the JWKS alone verifies', async () => {
    const { callback } = await signIn(loginUrl());
    expect(callback.status).toBe(200);
    expect(callback.headers.get('cache-control')).toBe('no-store');
    expect(callback.headers.get('set-cookie')).toMatch(/^larksync_sso=; Max-Age=0; Path=\/open-dev\/feishu;/);
    expect(callback.body.subject).toEqual({ openId: users.active.openId, idpId });
    const claims = await verifySession(String(callback.body.session));
    expect(claims).toMatchObject({ sub: users.active.openId, idp: idpId, name: 'Active Person' });
    expect(Date.parse(String(callback.body.expiresAt)) - Date.now()).toBeGreaterThan(3600 * 1000 - 60_000);
    expect(Date.parse(String(callback.body.expiresAt)) - Date.now()).toBeLessThanOrEqual(3600 * 1000);
  });

  it('should send the session back to an allowed SASE return URL in the fragment', async () => {
    const { callback } = await signIn(
      loginUrl(idpId, `?redirect=${encodeURIComponent(`${SASE_ORIGIN}/after-login?tab=1`)}`),
    );
    expect(callback.status).toBe(302);
    const location = new URL(callback.location!);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe(
      `${SASE_ORIGIN}/after-login?tab=1`,
    );
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect((await verifySession(fragment.get('session')!)).sub).toBe(users.active.openId);
  });

  it('should refuse a return URL on an origin that is not allowed', async () => {
    const login = await hop(
      loginUrl(idpId, `?redirect=${encodeURIComponent('https://evil.example.com/steal')}`),
    );
    expect(login).toMatchObject({ status: 400, body: { error: 'redirect_not_allowed' } });
  });

  it.each([
    ['resigned', 'user_resigned'],
    ['frozen', 'user_frozen'],
    ['outOfScope', 'out_of_scope'],
    ['missing', 'not_in_directory'],
  ] as const)('should refuse the %s user with 403 %s and no session', async (who, error) => {
    const { callback } = await signIn(loginUrl(), { as_open_id: users[who].openId });
    expect(callback.status).toBe(403);
    expect(callback.body).toEqual({ error, message: expect.any(String) });
  });

  it('should refuse a user Lark reports as resigned, even when the directory has not caught up', async () => {
    sim.mutate.resignUser(users.larkResigned.openId);
    const { callback } = await signIn(loginUrl(), { as_open_id: users.larkResigned.openId });
    expect(callback).toMatchObject({ status: 403, body: { error: 'user_resigned' } });
  });

  it('should refuse a replayed code, even with the login cookie', async () => {
    const first = await signIn(loginUrl());
    expect(first.callback.status).toBe(200);
    const replay = await hop(first.callbackUrl, first.login.cookie);
    expect(replay).toMatchObject({ status: 401, body: { error: 'code_invalid' } });
    expect(replay.body).not.toHaveProperty('session');
  });

  it.each([
    ['in a browser that did not start it (a leaked or planted callback URL)', () => undefined],
    ["with another login's cookie", async () => (await hop(loginUrl())).cookie],
  ])('should refuse to finish a sign-in %s', async (_case, cookieOf) => {
    const login = await hop(loginUrl());
    const authorize = await hop(login.location!);
    const callback = await hop(authorize.location!, await cookieOf());
    expect(callback).toMatchObject({ status: 400, body: { error: 'state_not_bound' } });
    expect(callback.body).not.toHaveProperty('session');
    // The code was not spent: the browser that started the login can still finish it.
    expect(await hop(authorize.location!, login.cookie)).toMatchObject({ status: 200 });
  });

  it('should refuse a user who declined on the consent page', async () => {
    const { callback } = await signIn(loginUrl(), { deny: '1' });
    expect(callback).toMatchObject({ status: 403, body: { error: 'access_denied' } });
  });

  it.each([
    [
      'an altered state',
      (url: URL) => url.searchParams.set('state', `${url.searchParams.get('state')}x`),
      'bad_state',
    ],
    ['a missing state', (url: URL) => url.searchParams.delete('state'), 'missing_state'],
    ['a missing code', (url: URL) => url.searchParams.delete('code'), 'missing_code'],
  ])('should answer 400 to %s', async (_case, mutate, error) => {
    const login = await hop(loginUrl());
    const authorize = await hop(login.location!);
    const callbackUrl = new URL(authorize.location!);
    mutate(callbackUrl);
    expect(await hop(callbackUrl.toString(), login.cookie)).toMatchObject({ status: 400, body: { error } });
  });

  it('should refuse a code exchanged under a state minted for another login (PKCE)', async () => {
    const authorize = await hop((await hop(loginUrl())).location!);
    const other = await hop(loginUrl());
    const callbackUrl = new URL(authorize.location!);
    callbackUrl.searchParams.set('state', new URL(other.location!).searchParams.get('state')!);
    expect(await hop(callbackUrl.toString(), other.cookie)).toMatchObject({
      status: 401,
      body: { error: 'pkce_failed' },
    });
  });

  it('should refuse sign-in for a closed IdP, at login and at the callback', async () => {
    const closed = await fixtures.createIdp({ ...SSO_APP, status: 'closed' });
    expect(await hop(loginUrl(closed))).toMatchObject({ status: 403, body: { error: 'idp_closed' } });
    const { state, browserBinding } = new SsoStateCodec(TEST_MASTER_KEY).issue(closed);
    const callback = await hop(
      `${gateway.url}/open-dev/feishu?code=anything&state=${encodeURIComponent(state)}`,
      `larksync_sso=${browserBinding}`,
    );
    expect(callback).toMatchObject({ status: 403, body: { error: 'idp_closed' } });
  });

  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])(
    'should answer 404 for unknown IdP %s',
    async (unknown) => {
      expect(await hop(loginUrl(unknown))).toMatchObject({ status: 404, body: { error: 'unknown_idp' } });
    },
  );

  it("should refuse a Lark account of another tenant than the IdP's", async () => {
    const otherTenant = await fixtures.createIdp({ ...SSO_APP, tenantKey: 'tenant_someone_else' });
    await fixtures.addDirectoryUser(otherTenant, users.active.openId, 'active');
    const { callback } = await signIn(loginUrl(otherTenant));
    expect(callback).toMatchObject({ status: 403, body: { error: 'tenant_mismatch' } });
  });

  it('should refuse with a clear message when the IdP holds the wrong App Secret', async () => {
    const misconfigured = await fixtures.createIdp({ ...SSO_APP, appSecret: 'wrong-secret' });
    const { callback } = await signIn(loginUrl(misconfigured));
    expect(callback).toMatchObject({ status: 502, body: { error: 'idp_misconfigured' } });
  });

  it('should count sign-ins by outcome', async () => {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/larksync_gateway_sso_callbacks_total\{[^}]*outcome="session"[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /larksync_gateway_sso_callbacks_total\{[^}]*outcome="user_resigned"[^}]*\} [1-9]/,
    );
  });
});
