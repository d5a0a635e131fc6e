import { decodeJwt } from 'jose';
import { runMigrations } from '@app/persistence';
import { generateOrg, LarkSimulator, SimUser, startLarkSimulator } from '../../../../test/lark-simulator';
import { hop } from './testing/sso-browser';
import { clientLoginUrl, clientSignIn, pkcePair, redeem } from './testing/sso-client';
import { EnterpriseRow, SsoFixtures, SsoGateway, startSsoGateway } from './testing/sso-fixtures';

const TENANT_KEY = 'tenant_isolation_01';
const APP_A = { appId: 'cli_isolation_a', appSecret: 'isolation-secret-a', verificationToken: 'vt_a' };
const APP_B = { appId: 'cli_isolation_b', appSecret: 'isolation-secret-b', verificationToken: 'vt_b' };
const LOOPBACK = 'http://127.0.0.1:50001/cb';

interface Side {
  enterprise: EnterpriseRow;
  idpId: string;
  user: SimUser;
  signInUrl: string;
}

describe('two enterprises, an IdP each: neither reaches the other (real PostgreSQL, simulator)', () => {
  let sim: LarkSimulator;
  let gateway: SsoGateway;
  let fixtures: SsoFixtures;
  let a: Side;
  let b: Side;

  const discover = async (identifier: string) =>
    (await (await fetch(`${gateway.url}/api/enterprises/${identifier}/identity-sources`)).json()) as {
      identitySources: { id: string; logonTitle: string; signInUrl: string }[];
    };

  async function signIn(signInUrl: string, user: SimUser) {
    const pkce = pkcePair();
    const { returned } = await clientSignIn(
      clientLoginUrl(signInUrl, { redirectUri: LOOPBACK, challenge: pkce.challenge, state: 'iso' }),
      { as_open_id: user.openId },
    );
    const code = returned.searchParams.get('code');
    if (!code) return { error: returned.searchParams.get('error') };
    const token = await redeem(gateway.url, { code, verifier: pkce.verifier, redirectUri: LOOPBACK });
    return { session: decodeJwt(String(token.body.session)) };
  }

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    fixtures = new SsoFixtures(process.env.DATABASE_URL!);
    await fixtures.connect();
    const org = generateOrg({ seed: 21, users: 20, tenantKey: TENANT_KEY });
    const [userA, userB] = org.users.filter(
      (user) => !user.status.isResigned && !user.status.isFrozen && !user.status.isUnjoin,
    );
    sim = await startLarkSimulator({ org, apps: [APP_A, APP_B] });
    gateway = await startSsoGateway({ larkBaseUrl: sim.url });
    const side = async (
      app: typeof APP_A,
      user: SimUser,
      title: string,
      schemes: string[],
    ): Promise<Side> => {
      const enterprise = await fixtures.createEnterprise(schemes);
      const idpId = await fixtures.createIdp({
        ...app,
        tenantKey: TENANT_KEY,
        enterpriseId: enterprise.id,
        description: title,
      });
      await fixtures.addDirectoryUser(idpId, user.openId, 'active');
      return { enterprise, idpId, user, signInUrl: '' };
    };
    a = await side(APP_A, userA, 'Enterprise A', []);
    b = await side(APP_B, userB, 'Enterprise B', ['com.b.sase']);
    a.signInUrl = (await discover(a.enterprise.identifier)).identitySources[0].signInUrl;
    b.signInUrl = (await discover(b.enterprise.identifier)).identitySources[0].signInUrl;
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.stop();
    await fixtures?.close();
  });

  it("should list only an enterprise's own IdP", async () => {
    expect((await discover(a.enterprise.identifier)).identitySources).toEqual([
      expect.objectContaining({ id: a.idpId, logonTitle: 'Enterprise A' }),
    ]);
    expect((await discover(b.enterprise.identifier)).identitySources).toEqual([
      expect.objectContaining({ id: b.idpId, logonTitle: 'Enterprise B' }),
    ]);
  });

  it("should give each user a session of their own enterprise's IdP", async () => {
    expect((await signIn(a.signInUrl, a.user)).session).toMatchObject({ sub: a.user.openId, idp: a.idpId });
    expect((await signIn(b.signInUrl, b.user)).session).toMatchObject({ sub: b.user.openId, idp: b.idpId });
  });

  it('should not complete a sign-in started via one enterprise as a user of the other, even in the same Lark tenant', async () => {
    expect(await signIn(a.signInUrl, b.user)).toEqual({ error: 'not_in_directory' });
    expect(await signIn(b.signInUrl, a.user)).toEqual({ error: 'not_in_directory' });
  });

  it("should refuse an IdP of one enterprise under the other's identifier", async () => {
    const crossed = a.signInUrl.replace(a.idpId, b.idpId);
    const login = await hop(
      clientLoginUrl(crossed, { redirectUri: LOOPBACK, challenge: pkcePair().challenge }),
    );
    expect(login).toMatchObject({ status: 404, body: { error: 'unknown_idp' } });
  });

  it("should not let one enterprise's allowed scheme return a sign-in of the other", async () => {
    const login = await hop(
      clientLoginUrl(a.signInUrl, { redirectUri: 'com.b.sase:/cb', challenge: pkcePair().challenge }),
    );
    expect(login).toMatchObject({ status: 400, body: { error: 'redirect_not_allowed' } });
  });
});
