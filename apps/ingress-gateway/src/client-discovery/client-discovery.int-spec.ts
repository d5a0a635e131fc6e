import { formatEnterpriseIdentifier } from '@app/contracts';
import { runMigrations } from '@app/persistence';
import { startLarkSimulator, LarkSimulator, generateOrg } from '../../../../test/lark-simulator';
import { EnterpriseRow, SsoFixtures, SsoGateway, startSsoGateway } from '../sso/testing/sso-fixtures';

const APP = { appId: 'cli_discovery_0001', appSecret: 'discovery-secret', verificationToken: 'vt_discovery' };

describe('identity sources by enterprise identifier, for the SASE client (real PostgreSQL)', () => {
  let sim: LarkSimulator;
  let gateway: SsoGateway;
  let fixtures: SsoFixtures;
  let enterprise: EnterpriseRow;
  let ids: Record<'described' | 'undescribed' | 'closed', string>;

  const lookUp = (identifier: string, language?: string, gatewayUrl = gateway.url) =>
    fetch(`${gatewayUrl}/api/enterprises/${encodeURIComponent(identifier)}/identity-sources`, {
      headers: language ? { 'accept-language': language } : {},
    });

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    fixtures = new SsoFixtures(process.env.DATABASE_URL!);
    await fixtures.connect();
    sim = await startLarkSimulator({ org: generateOrg({ seed: 3, users: 5 }), apps: [APP] });
    gateway = await startSsoGateway({ larkBaseUrl: sim.url });
    enterprise = await fixtures.createEnterprise();
    ids = {
      described: await fixtures.createIdp({
        ...APP,
        enterpriseId: enterprise.id,
        name: 'acme-feishu',
        description: '飞书登录',
      }),
      undescribed: await fixtures.createIdp({ ...APP, enterpriseId: enterprise.id, name: 'acme-lark' }),
      closed: await fixtures.createIdp({
        ...APP,
        enterpriseId: enterprise.id,
        name: 'acme-closed',
        description: 'Closed one',
        status: 'closed',
      }),
    };
  });

  afterAll(async () => {
    await gateway?.close();
    await sim?.stop();
    await fixtures?.close();
  });

  it('should list the enabled IdPs with their logon title (the Description, else the name) and sign-in URL', async () => {
    const response = await lookUp(formatEnterpriseIdentifier(enterprise.identifier));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({
      enterprise: enterprise.identifier,
      identitySources: [
        {
          id: ids.described,
          logonTitle: '飞书登录',
          kind: 'lark',
          signInUrl: `${gateway.url}/sso/${ids.described}/login?enterprise=${enterprise.identifier}`,
        },
        {
          id: ids.undescribed,
          logonTitle: 'acme-lark',
          kind: 'lark',
          signInUrl: `${gateway.url}/sso/${ids.undescribed}/login?enterprise=${enterprise.identifier}`,
        },
      ],
    });
  });

  it('should read the identifier as typed: lower case, without the hyphen, O for 0 and I or L for 1', async () => {
    const typed = enterprise.identifier.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await lookUp(typed)).status).toBe(200);
  });

  it('should answer an enterprise without IdPs with an empty list', async () => {
    const empty = await fixtures.createEnterprise();
    expect(await (await lookUp(empty.identifier)).json()).toEqual({
      enterprise: empty.identifier,
      identitySources: [],
    });
  });

  it.each([
    ['zh-CN,zh;q=0.9', 'zh-CN', /企业认证标识/],
    ['en-US,en;q=0.9', 'en-US', /No enterprise uses this identifier/],
    [undefined, 'en-US', /No enterprise uses this identifier/],
  ])('should answer an unknown identifier with 404 in the language of %s', async (language, tag, message) => {
    const response = await lookUp('ZZZZZ-ZZZZZ', language);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-language')).toBe(tag);
    expect(await response.json()).toEqual({
      error: 'unknown_enterprise',
      message: expect.stringMatching(message),
    });
  });

  it.each(['not an identifier', 'U'.repeat(10), 'x'.repeat(90)])('should answer 404 to %j', async (typed) => {
    expect(await (await lookUp(typed)).json()).toMatchObject({ error: 'unknown_enterprise' });
  });

  it('should stop answering a regenerated identifier at once, and answer the new one', async () => {
    const moved = await fixtures.createEnterprise();
    await fixtures.createIdp({ ...APP, enterpriseId: moved.id });
    expect((await lookUp(moved.identifier)).status).toBe(200);
    const renewed = await fixtures.regenerateIdentifier(moved.id);
    expect((await lookUp(moved.identifier)).status).toBe(404);
    expect((await lookUp(renewed)).status).toBe(200);
  });

  it('should throttle an address that tries too many identifiers, with Retry-After, and count it', async () => {
    const strict = await startSsoGateway({ larkBaseUrl: sim.url, discoveryRateLimitPerMinute: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await lookUp(`AAAAA-AAAA${i}`, 'en', strict.url)).status);
      expect(statuses).toEqual([404, 404, 404]);
      const throttled = await lookUp(enterprise.identifier, 'zh-CN', strict.url);
      expect(throttled.status).toBe(429);
      expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await throttled.json()).toEqual({
        error: 'too_many_requests',
        message: expect.stringMatching(/秒后重试/),
      });
      const metrics = await (await fetch(`${strict.url}/metrics`)).text();
      expect(metrics).toMatch(/larksync_gateway_discovery_lookups_total\{[^}]*outcome="throttled"[^}]*\} 1/);
      expect(metrics).toMatch(/larksync_gateway_discovery_lookups_total\{[^}]*outcome="unknown"[^}]*\} 3/);
    } finally {
      await strict.close();
    }
  });
});
