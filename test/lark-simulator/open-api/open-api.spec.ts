import { ROOT_DEPARTMENT_ID } from '../org-model';
import { DEFAULT_APP, PERMISSION } from '../sim-apps';
import { LarkSimulator, startLarkSimulator } from '../simulator';

interface LarkReply {
  status: number;
  headers: Headers;
  body: { code: number; msg?: string; data?: any; tenant_access_token?: string; expire?: number };
}

async function call(
  sim: LarkSimulator,
  path: string,
  token?: string,
  init: RequestInit = {},
): Promise<LarkReply> {
  const headers = {
    'content-type': 'application/json',
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  const response = await fetch(`${sim.url}${path}`, { ...init, headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as LarkReply['body'],
  };
}

async function tenantToken(
  sim: LarkSimulator,
  appId = DEFAULT_APP.appId,
  appSecret = DEFAULT_APP.appSecret,
): Promise<LarkReply> {
  return call(sim, '/open-apis/auth/v3/tenant_access_token/internal', undefined, {
    method: 'POST',
    body: JSON.stringify({ app_id: appId, app_secret: appSecret }),
  });
}

describe('open API', () => {
  let sim: LarkSimulator;
  let token: string;

  beforeAll(async () => {
    const scoped = {
      ...DEFAULT_APP,
      appId: 'cli_scoped00000000001',
      scope: { kind: 'partial' as const, departmentOpenIds: [], userOpenIds: [] },
    };
    const limited = {
      ...DEFAULT_APP,
      appId: 'cli_limited0000000001',
      missingPermissions: [PERMISSION.contactRead, PERMISSION.userEmail],
    };
    sim = await startLarkSimulator({
      seed: 5,
      users: 400,
      departments: 40,
      apps: [{ ...DEFAULT_APP }, scoped, limited],
      speedFactor: 100,
    });
    token = (await tenantToken(sim)).body.tenant_access_token!;
  });

  afterAll(() => sim.stop());
  afterEach(() => sim.faults.clear());

  it('should issue a tenant token at top level, without a data wrapper', async () => {
    const reply = await tenantToken(sim);
    expect(reply).toEqual(
      expect.objectContaining({
        status: 200,
        body: { code: 0, msg: 'ok', tenant_access_token: token, expire: expect.any(Number) },
      }),
    );
  });

  it.each([
    ['an unknown app', 'cli_nope', 'x', 10003],
    ['a wrong secret', DEFAULT_APP.appId, 'wrong', 10014],
  ])('should refuse a token for %s', async (_case, appId, secret, code) => {
    const reply = await tenantToken(sim, appId, secret);
    expect(reply.body.code).toBe(code);
    expect(reply.body.tenant_access_token).toBeUndefined();
  });

  it.each([
    ['no token', undefined, 99991661],
    ['a token without the t- prefix', 'u-abc', 99991671],
    ['an unknown token', 't-unknown', 99991663],
  ])('should refuse a call with %s', async (_case, badToken, code) => {
    const reply = await call(sim, '/open-apis/contact/v3/departments/0/children', badToken);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(code);
  });

  it('should page children with opaque tokens and refuse page_size above 50', async () => {
    const all = sim.org.childIds(ROOT_DEPARTMENT_ID);
    const first = await call(sim, '/open-apis/contact/v3/departments/0/children?page_size=2', token);
    expect(first.body.data).toEqual({
      items: expect.any(Array),
      has_more: all.length > 2,
      page_token: expect.any(String),
    });
    expect(first.body.data.items.map((d: any) => d.open_department_id)).toEqual(all.slice(0, 2));
    const second = await call(
      sim,
      `/open-apis/contact/v3/departments/0/children?page_size=2&page_token=${first.body.data.page_token}`,
      token,
    );
    expect(second.body.data.items.map((d: any) => d.open_department_id)).toEqual(all.slice(2, 4));
    expect(
      (await call(sim, '/open-apis/contact/v3/departments/0/children?page_size=51', token)).body.code,
    ).toBe(40009);
    expect(
      (await call(sim, '/open-apis/contact/v3/departments/0/children?page_token=garbage', token)).body.code,
    ).toBe(40012);
  });

  it('should return every descendant with fetch_child', async () => {
    const reply = await call(
      sim,
      '/open-apis/contact/v3/departments/0/children?fetch_child=true&page_size=50',
      token,
    );
    expect(reply.body.data.items).toHaveLength(Math.min(50, sim.org.departmentCount));
    expect(reply.body.data.has_more).toBe(sim.org.departmentCount > 50);
  });

  it('should honour department_id_type and user_id_type in paths and responses', async () => {
    const member = sim.org
      .listedUsers()
      .find((u) => u.departmentOpenIds[0] !== ROOT_DEPARTMENT_ID && u.leaderOpenId)!;
    const department = sim.org.getDepartment(member.departmentOpenIds[0])!;
    const query = `department_id=${department.departmentId}&department_id_type=department_id&user_id_type=union_id&page_size=50`;
    let items: any[] = [];
    for (let pageToken = ''; ;) {
      const reply = await call(
        sim,
        `/open-apis/contact/v3/users/find_by_department?${query}${pageToken ? `&page_token=${pageToken}` : ''}`,
        token,
      );
      items = items.concat(reply.body.data.items);
      if (!reply.body.data.has_more) break;
      pageToken = reply.body.data.page_token;
    }
    const listed = items.find((u) => u.open_id === member.openId);
    expect(listed.department_ids).toContain(department.departmentId);
    expect(listed.leader_user_id).toBe(sim.org.getUser(member.leaderOpenId!)!.unionId);
    const byUserId = await call(
      sim,
      `/open-apis/contact/v3/users/${member.userId}?user_id_type=user_id`,
      token,
    );
    expect(byUserId.body.data.user.open_id).toBe(member.openId);
    const parent = await call(
      sim,
      `/open-apis/contact/v3/departments/${department.departmentId}?department_id_type=department_id`,
      token,
    );
    expect(parent.body.data.department).toEqual(
      expect.objectContaining({
        open_department_id: department.openDepartmentId,
        order: String(department.order),
        member_count: expect.any(Number),
      }),
    );
  });

  it('should look up batches and silently omit unknown ids', async () => {
    const [a, b] = sim.org.listedUsers();
    const users = await call(
      sim,
      `/open-apis/contact/v3/users/batch?user_ids=${a.openId}&user_ids=ou_missing&user_ids=${b.openId}`,
      token,
    );
    expect(users.body.data.items.map((u: any) => u.open_id)).toEqual([a.openId, b.openId]);
    const [d] = sim.org.departments();
    const departments = await call(
      sim,
      `/open-apis/contact/v3/departments/batch?department_ids=${d.openDepartmentId}&department_ids=od-missing`,
      token,
    );
    expect(departments.body.data.items.map((x: any) => x.open_department_id)).toEqual([d.openDepartmentId]);
    expect((await call(sim, '/open-apis/contact/v3/users/batch', token)).status).toBe(400);
  });

  it('should answer 40004 outside a partial scope and serve inside it', async () => {
    const [inScope, outOfScope] = sim.org.childIds(ROOT_DEPARTMENT_ID);
    const loneUser = sim.org
      .listedUsers()
      .find(
        (u) => !u.departmentOpenIds.some((id) => id === inScope || sim.org.ancestorIds(id).includes(inScope)),
      )!;
    sim.apps.update('cli_scoped00000000001', {
      scope: { kind: 'partial', departmentOpenIds: [inScope], userOpenIds: [loneUser.openId] },
    });
    const scopedToken = (await tenantToken(sim, 'cli_scoped00000000001')).body.tenant_access_token!;
    const denied = await call(sim, '/open-apis/contact/v3/departments/0/children', scopedToken);
    expect(denied).toEqual(
      expect.objectContaining({ status: 403, body: expect.objectContaining({ code: 40004 }) }),
    );
    expect(
      (
        await call(
          sim,
          `/open-apis/contact/v3/users/find_by_department?department_id=${outOfScope}`,
          scopedToken,
        )
      ).body.code,
    ).toBe(40004);
    expect(
      (await call(sim, `/open-apis/contact/v3/departments/${inScope}/children`, scopedToken)).body.code,
    ).toBe(0);
    expect((await call(sim, `/open-apis/contact/v3/users/${loneUser.openId}`, scopedToken)).body.code).toBe(
      0,
    );
    const scopes = await call(sim, '/open-apis/contact/v3/scopes', scopedToken);
    expect(scopes.body.data).toEqual({
      department_ids: [inScope],
      user_ids: [loneUser.openId],
      group_ids: [],
      has_more: false,
    });
  });

  it('should list first-level departments in the scopes of an all-members app', async () => {
    const scopes = await call(sim, '/open-apis/contact/v3/scopes?page_size=100', token);
    expect(scopes.body.data.department_ids).toEqual(sim.org.childIds(ROOT_DEPARTMENT_ID));
  });

  it('should answer 99991672 for a permission the app lacks and omit fields it may not read', async () => {
    const limitedToken = (await tenantToken(sim, 'cli_limited0000000001')).body.tenant_access_token!;
    const reply = await call(sim, '/open-apis/contact/v3/departments/0/children', limitedToken);
    expect(reply.status).toBe(400);
    expect(reply.body.code).toBe(99991672);
    sim.apps.update('cli_limited0000000001', { missingPermissions: [PERMISSION.userEmail] });
    const withEmail = sim.org.listedUsers().find((u) => u.email)!;
    const user = await call(sim, `/open-apis/contact/v3/users/${withEmail.openId}`, limitedToken);
    expect(user.body.data.user.email).toBeUndefined();
    expect(user.body.data.user.mobile === undefined).toBe(withEmail.mobile === undefined);
  });

  it('should list groups and their members', async () => {
    const groups = await call(sim, '/open-apis/contact/v3/group/simplelist', token);
    expect(groups.body.data.grouplist.map((g: any) => g.id)).toEqual(sim.org.groups.map((g) => g.id));
    const group = sim.org.groups[0];
    const members = await call(
      sim,
      `/open-apis/contact/v3/group/${group.id}/member/simplelist?page_size=100`,
      token,
    );
    expect(members.body.data.memberlist.map((m: any) => m.member_id)).toEqual(group.memberOpenIds);
  });

  it('should throttle with 429, code 99991400 and the x-ogw-ratelimit headers', async () => {
    sim.rateLimiter.speedFactor = 0.02;
    sim.rateLimiter.reset();
    try {
      const replies = await Promise.all(
        [1, 2, 3].map(() => call(sim, '/open-apis/contact/v3/departments/0/children', token)),
      );
      const throttled = replies.find((r) => r.status === 429)!;
      expect(throttled.body.code).toBe(99991400);
      expect(throttled.headers.get('x-ogw-ratelimit-limit')).toBe('1');
      expect(Number(throttled.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThanOrEqual(1);
      expect(sim.stats.snapshot()['contact.department.children'].throttled).toBeGreaterThan(0);
    } finally {
      sim.rateLimiter.speedFactor = 100;
    }
  });

  it('should fail one page once, then serve it again', async () => {
    sim.faults.add({
      endpoint: 'contact.user.find_by_department',
      kind: 'server-error',
      status: 502,
      times: 1,
    });
    const path = '/open-apis/contact/v3/users/find_by_department?department_id=0';
    expect((await call(sim, path, token)).status).toBe(502);
    expect((await call(sim, path, token)).status).toBe(200);
  });

  it('should invalidate the token mid-pagination until a new one is fetched', async () => {
    const fresh = await tenantToken(sim);
    sim.faults.add({
      endpoint: 'contact.department.children',
      kind: 'token-invalid',
      onlyWithPageToken: true,
      times: 1,
    });
    const first = await call(
      sim,
      '/open-apis/contact/v3/departments/0/children?page_size=1',
      fresh.body.tenant_access_token,
    );
    expect(first.status).toBe(200);
    const second = await call(
      sim,
      `/open-apis/contact/v3/departments/0/children?page_size=1&page_token=${first.body.data.page_token}`,
      fresh.body.tenant_access_token,
    );
    expect(second.body.code).toBe(99991663);
    expect(
      (await call(sim, '/open-apis/contact/v3/departments/0/children', fresh.body.tenant_access_token)).body
        .code,
    ).toBe(99991663);
    const renewed = (await tenantToken(sim)).body.tenant_access_token;
    expect(renewed).not.toBe(fresh.body.tenant_access_token);
    expect((await call(sim, '/open-apis/contact/v3/departments/0/children', renewed)).status).toBe(200);
    token = renewed!;
  });

  it('should hang on an injected timeout and delay a slow endpoint', async () => {
    sim.faults.add({ endpoint: 'contact.scope.list', kind: 'timeout', times: 1 });
    await expect(
      fetch(`${sim.url}/open-apis/contact/v3/scopes`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
    sim.faults.add({ endpoint: 'contact.scope.list', kind: 'slow', delayMs: 150 });
    const started = Date.now();
    expect((await call(sim, '/open-apis/contact/v3/scopes', token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('should configure faults and expire tokens over the admin API', async () => {
    const created = await call(sim, '/_sim/faults', undefined, {
      method: 'POST',
      body: JSON.stringify({ endpoint: 'contact.user.get', kind: 'server-error', status: 503 }),
    });
    expect(created.status).toBe(201);
    const user = sim.org.listedUsers()[0];
    expect((await call(sim, `/open-apis/contact/v3/users/${user.openId}`, token)).status).toBe(503);
    await call(sim, '/_sim/faults', undefined, { method: 'DELETE' });
    await call(sim, '/_sim/tokens/expire', undefined, { method: 'POST', body: '{}' });
    expect((await call(sim, `/open-apis/contact/v3/users/${user.openId}`, token)).body.code).toBe(99991663);
    token = (await tenantToken(sim)).body.tenant_access_token!;
  });
});
