import { createRemoteJWKSet, jwtVerify } from 'jose';
import { runMigrations } from '@app/persistence';
import { generateOrg, LarkSimulator, SimUser, startLarkSimulator } from '../../../../test/lark-simulator';
import { clientLoginUrl, clientSignIn, pkcePair, redeem } from './testing/sso-client';
import { hop } from './testing/sso-browser';
import { EnterpriseRow, SsoFixtures, SsoGateway, startSsoGateway } from './testing/sso-fixtures';

const TENANT_KEY = 'tenant_client_sso_01';
const APP = { appId: 'cli_client_sso_0001', appSecret: 'client-sso-secret', verificationToken: 'vt_client' };
const LOOPBACK = 'http://127.0.0.1:53682/callback';
const SCHEME = 'com.acme.sase';

function isActiveInLark(user: SimUser): boolean {
  return !user.status.isResigned && !user.status.isFrozen && !user.status.isUnjoin;
}

describe('sign-in from a native SASE client (RFC 8252 + PKCE), against the simulator and real PostgreSQL', () => {
  let sim: LarkSimulator;
  let gateway: SsoGateway;
  let fixtures: SsoFixtures;
  let enterprise: EnterpriseRow;
  let idpId: string;
  let signInUrl: string;
  let users: Record<'active' | 'resigned' | 'outOfScope' | 'missing' | 'lateResigner', SimUser>;

  const discover = async (identifier: string) =>
    (await (await fetch(`${gateway.url}/api/enterprises/${identifier}/identity-sources`)).json()) as {
      identitySources: { id: string; signInUrl: string }[];
    };

  /** Discovery → Lark → the loopback redirect with a code → the session, as the client does it. */
  async function signInAs(user: SimUser, redirectUri = LOOPBACK) {
    const pkce = pkcePair();
    const { returned } = await clientSignIn(
      clientLoginUrl(signInUrl, { redirectUri, challenge: pkce.challenge, state: 'client-state-1' }),
      { as_open_id: user.openId },
    );
    return { returned, pkce, code: returned.searchParams.get('code') };
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    fixtures = new SsoFixtures(process.env.DATABASE_URL!);
    await fixtures.connect();
    const org = generateOrg({ seed: 11, users: 30, tenantKey: TENANT_KEY });
    const [active, resigned, outOfScope, missing, lateResigner] = org.users.filter(isActiveInLark);
    users = { active, resigned, outOfScope, missing, lateResigner };
    sim = await startLarkSimulator({ org, apps: [APP] });
    enterprise = await fixtures.createEnterprise([SCHEME]);
    idpId = await fixtures.createIdp({
      ...APP,
      tenantKey: TENANT_KEY,
      enterpriseId: enterprise.id,
      description: 'Lark',
    });
    await fixtures.addDirectoryUser(idpId, active.openId, 'active', 'Active Client');
    await fixtures.addDirectoryUser(idpId, resigned.openId, 'resigned');
    await fixtures.addDirectoryUser(idpId, outOfScope.openId, 'out_of_scope');
    await fixtures.addDirectoryUser(idpId, lateResigner.openId, 'active');
    gateway = await startSsoGateway({ larkBaseUrl: sim.url });
    signInUrl = (await discover(enterprise.identifier)).identitySources[0].signInUrl;
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.stop();
    await fixtures?.close();
  });

  it('should return a one-time code and the state to the loopback redirect, which the verifier redeems for a session', async () => {
    const { returned, pkce, code } = await signInAs(users.active);
    expect(`${returned.origin}${returned.pathname}`).toBe(LOOPBACK);
    expect(returned.searchParams.get('state')).toBe('client-state-1');
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const token = await redeem(gateway.url, { code: code!, verifier: pkce.verifier, redirectUri: LOOPBACK });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(token.body).toMatchObject({
      token_type: 'Bearer',
      subject: { openId: users.active.openId, idpId },
    });
    const { payload } = await jwtVerify(
      String(token.body.session),
      createRemoteJWKSet(new URL(`${gateway.url}/.well-known/jwks.json`)),
      { issuer: gateway.url, audience: 'sase-client' },
    );
    expect(payload).toMatchObject({ sub: users.active.openId, idp: idpId, name: 'Active Client' });
  });

  it("should sign in by scanning the QR code of Lark's page with the Lark app", async () => {
    const pkce = pkcePair();
    const { returned } = await clientSignIn(
      clientLoginUrl(signInUrl, { redirectUri: LOOPBACK, challenge: pkce.challenge, state: 'qr' }),
      { qrScanBy: { larkUrl: sim.url, openId: users.active.openId } },
    );
    const code = returned.searchParams.get('code')!;
    const token = await redeem(gateway.url, { code, verifier: pkce.verifier, redirectUri: LOOPBACK });
    expect(token).toMatchObject({ status: 200, body: { subject: { openId: users.active.openId } } });
  });

  it.each([
    ['an IPv6 loopback', 'http://[::1]:61000/cb'],
    ['a loopback without a port', 'http://127.0.0.1/cb'],
    ["the enterprise's custom scheme", `${SCHEME}:/oauth2redirect`],
  ])('should return to %s', async (_case, redirectUri) => {
    const { returned, pkce, code } = await signInAs(users.active, redirectUri);
    expect(returned.toString().startsWith(redirectUri)).toBe(true);
    expect((await redeem(gateway.url, { code: code!, verifier: pkce.verifier, redirectUri })).status).toBe(
      200,
    );
  });

  it('should refuse a wrong verifier, and spend the code so the right one cannot follow', async () => {
    const { pkce, code } = await signInAs(users.active);
    const wrong = await redeem(gateway.url, {
      code: code!,
      verifier: pkcePair().verifier,
      redirectUri: LOOPBACK,
    });
    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(wrong.body).not.toHaveProperty('session');
    const late = await redeem(gateway.url, { code: code!, verifier: pkce.verifier, redirectUri: LOOPBACK });
    expect(late).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('should refuse a code used twice, and one redeemed for another redirect URI', async () => {
    const first = await signInAs(users.active);
    const params = { code: first.code!, verifier: first.pkce.verifier, redirectUri: LOOPBACK };
    expect((await redeem(gateway.url, params)).status).toBe(200);
    expect(await redeem(gateway.url, params, 'zh-CN')).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant', message: expect.stringMatching(/已过期或已被使用/) },
    });
    const other = await signInAs(users.active);
    const elsewhere = {
      code: other.code!,
      verifier: other.pkce.verifier,
      redirectUri: 'http://127.0.0.1:1/cb',
    };
    expect(await redeem(gateway.url, elsewhere)).toMatchObject({
      status: 400,
      body: { error: 'invalid_grant' },
    });
  });

  it.each([
    [{ grantType: 'password' }, 'unsupported_grant_type'],
    [{ verifier: 'too-short' }, 'invalid_request'],
  ])('should answer the token request %j with %s', async (change, error) => {
    const { pkce, code } = await signInAs(users.active);
    const token = await redeem(gateway.url, {
      code: code!,
      verifier: pkce.verifier,
      redirectUri: LOOPBACK,
      ...change,
    });
    expect(token).toMatchObject({ status: 400, body: { error } });
  });

  it.each([
    ['localhost', 'http://localhost:53682/callback'],
    ['an https page', 'https://evil.example.com/cb'],
    ['a scheme the enterprise did not allow', 'com.other.app:/cb'],
  ])('should refuse a redirect to %s with JSON, never redirecting there', async (_case, redirectUri) => {
    const login = await hop(clientLoginUrl(signInUrl, { redirectUri, challenge: pkcePair().challenge }));
    expect(login.status).toBe(400);
    expect(login.location).toBeUndefined();
    expect(login.body).toMatchObject({ error: 'redirect_not_allowed' });
  });

  it('should send a request without an S256 challenge back to the client as invalid_request', async () => {
    const login = await hop(
      clientLoginUrl(signInUrl, {
        redirectUri: LOOPBACK,
        challenge: pkcePair().challenge,
        method: 'plain',
        state: 's',
      }),
    );
    expect(login.status).toBe(302);
    const returned = new URL(login.location!);
    expect(Object.fromEntries(returned.searchParams)).toEqual({
      error: 'invalid_request',
      error_description: expect.any(String),
      state: 's',
    });
  });

  it("should refuse a sign-in URL whose IdP is not the identifier's enterprise", async () => {
    const other = await fixtures.createEnterprise();
    const url = new URL(signInUrl);
    url.searchParams.set('enterprise', other.identifier);
    const login = await hop(
      clientLoginUrl(url.toString(), { redirectUri: LOOPBACK, challenge: pkcePair().challenge }),
    );
    expect(login).toMatchObject({ status: 404, body: { error: 'unknown_idp' } });
  });

  describe.each([
    ['zh-CN', 'zh-CN'],
    ['en-US', 'en-US'],
  ])('refusals, in %s', (_name, language) => {
    const MESSAGES: Record<string, Record<string, RegExp>> = {
      user_resigned: { 'zh-CN': /已被标记为离职/, 'en-US': /marked as resigned/ },
      out_of_scope: { 'zh-CN': /可用范围/, 'en-US': /availability scope/ },
      not_in_directory: { 'zh-CN': /尚未同步/, 'en-US': /not in the SASE directory yet/ },
      idp_closed: { 'zh-CN': /登录已关闭/, 'en-US': /switched off/ },
    };

    const refusedAs = async (user: SimUser, url = signInUrl) => {
      const { returned } = await clientSignIn(
        clientLoginUrl(url, {
          redirectUri: LOOPBACK,
          challenge: pkcePair().challenge,
          state: 'r',
          uiLocales: language,
        }),
        { as_open_id: user.openId },
      );
      expect(returned.searchParams.get('state')).toBe('r');
      expect(returned.searchParams.get('code')).toBeNull();
      return {
        error: returned.searchParams.get('error'),
        message: returned.searchParams.get('error_description'),
      };
    };

    it.each([
      ['resigned', 'user_resigned'],
      ['outOfScope', 'out_of_scope'],
      ['missing', 'not_in_directory'],
    ] as const)('should send the %s user back with %s and what to do', async (who, error) => {
      const refusal = await refusedAs(users[who]);
      expect(refusal).toEqual({ error, message: expect.stringMatching(MESSAGES[error][language]) });
    });

    it('should send a sign-in at a closed IdP back with idp_closed and what to do', async () => {
      const closed = await fixtures.createIdp({ ...APP, enterpriseId: enterprise.id, status: 'closed' });
      const url = signInUrl.replace(idpId, closed);
      const login = await hop(
        clientLoginUrl(url, {
          redirectUri: LOOPBACK,
          challenge: pkcePair().challenge,
          state: 'r',
          uiLocales: language,
        }),
      );
      const returned = new URL(login.location!);
      expect(returned.searchParams.get('error')).toBe('idp_closed');
      expect(returned.searchParams.get('error_description')).toMatch(MESSAGES.idp_closed[language]);
      expect(returned.searchParams.get('state')).toBe('r');
    });
  });

  it('should refuse the session to a user who resigned between the callback and the redemption', async () => {
    const { pkce, code } = await signInAs(users.lateResigner);
    await fixtures.setDirectoryUserStatus(idpId, users.lateResigner.openId, 'resigned');
    const token = await redeem(
      gateway.url,
      { code: code!, verifier: pkce.verifier, redirectUri: LOOPBACK },
      'en-US',
    );
    expect(token).toMatchObject({
      status: 403,
      body: { error: 'user_resigned', message: expect.stringMatching(/marked as resigned/) },
    });
  });

  it('should count redemptions by outcome', async () => {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/larksync_gateway_sso_client_tokens_total\{[^}]*outcome="session"[^}]*\} [1-9]/);
    expect(metrics).toMatch(
      /larksync_gateway_sso_client_tokens_total\{[^}]*outcome="invalid_grant"[^}]*\} [1-9]/,
    );
  });
});
