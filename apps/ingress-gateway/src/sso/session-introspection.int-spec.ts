import {
  generateOrg,
  LarkSimulator,
  SimAppConfig,
  startLarkSimulator,
} from '../../../../test/lark-simulator';
import { runMigrations } from '@app/persistence';
import { signIn } from './testing/sso-browser';
import { SsoFixtures, SsoGateway, startSsoGateway } from './testing/sso-fixtures';

const APP: SimAppConfig = {
  appId: 'cli_introspect_0001',
  appSecret: 'introspect-secret',
  verificationToken: 'vt_i',
};

describe('SASE sessions across gateway replicas: shared signing keys, JWKS and introspection', () => {
  let sim: LarkSimulator;
  let replicas: SsoGateway[];
  let fixtures: SsoFixtures;
  let idpId: string;
  let openId: string;

  const introspect = async (gateway: SsoGateway, body: string, contentType: string) => {
    const response = await fetch(`${gateway.url}/sso/introspect`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    return {
      status: response.status,
      cache: response.headers.get('cache-control'),
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const introspectForm = (gateway: SsoGateway, token: string) =>
    introspect(gateway, new URLSearchParams({ token }).toString(), 'application/x-www-form-urlencoded');
  const sessionFrom = async (gateway: SsoGateway) => {
    const { callback } = await signIn(`${gateway.url}/sso/${idpId}/login`);
    expect(callback).toMatchObject({ status: 200 });
    return String(callback.body.session);
  };

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    fixtures = new SsoFixtures(process.env.DATABASE_URL!);
    await fixtures.connect();
    const org = generateOrg({ seed: 11, users: 10 });
    openId = org.users.find((user) => !user.status.isResigned && !user.status.isFrozen)!.openId;
    sim = await startLarkSimulator({ org, apps: [APP], autoConsentOpenId: openId });
    idpId = await fixtures.createIdp(APP);
    await fixtures.addDirectoryUser(idpId, openId, 'active');
    // Behind one address in production; here the first replica's address stands for it.
    const first = await startSsoGateway({ larkBaseUrl: sim.url });
    replicas = [first, await startSsoGateway({ larkBaseUrl: sim.url, publicBaseUrl: first.url })];
  });

  afterAll(async () => {
    await Promise.all(replicas?.map((replica) => replica.close()) ?? []);
    await sim?.stop();
    await fixtures?.close();
  });

  it('should publish one Ed25519 key, the same on every replica', async () => {
    const [a, b] = await Promise.all(
      replicas.map(async (replica) => {
        const response = await fetch(`${replica.url}/.well-known/jwks.json`);
        expect(response.headers.get('cache-control')).toBe('public, max-age=300');
        return (await response.json()) as { keys: Record<string, unknown>[] };
      }),
    );
    expect(a.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String),
        kid: expect.any(String),
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    expect(b).toEqual(a);
    expect(JSON.stringify(a)).not.toMatch(/"d"/);
  });

  it("should report a session issued by one replica active on the other, with the session's claims", async () => {
    const session = await sessionFrom(replicas[0]);
    const answer = await introspectForm(replicas[1], session);
    expect(answer).toEqual({
      status: 200,
      cache: 'no-store',
      body: expect.objectContaining({ active: true, token_type: 'Bearer', sub: openId, idp: idpId }),
    });
    const json = await introspect(replicas[1], JSON.stringify({ token: session }), 'application/json');
    expect(json.body).toMatchObject({ active: true, sub: openId });
  });

  it.each([
    ['no token', ''],
    ['garbage', 'token=not-a-session'],
  ])('should answer inactive, and nothing else, to %s', async (_case, body) => {
    const answer = await introspect(replicas[0], body, 'application/x-www-form-urlencoded');
    expect(answer).toMatchObject({ status: 200, body: { active: false } });
    expect(Object.keys(answer.body)).toEqual(['active']);
  });

  it('should report a live session inactive as soon as the directory records the resignation', async () => {
    const session = await sessionFrom(replicas[0]);
    expect((await introspectForm(replicas[1], session)).body.active).toBe(true);
    await fixtures.setDirectoryUserStatus(idpId, openId, 'resigned');
    expect((await introspectForm(replicas[0], session)).body).toEqual({ active: false });
    expect((await introspectForm(replicas[1], session)).body).toEqual({ active: false });
    await fixtures.setDirectoryUserStatus(idpId, openId, 'active');
    expect((await introspectForm(replicas[1], session)).body.active).toBe(true);
  });
});
