import { LarkApiError, LarkTransportError } from './lark-api-error';
import { LarkContactClient } from './lark-contact-client';
import { LarkHttpRequest, TransportTimeoutError } from './lark-transport';
import { FakeClock, FakeRoute, fakeLark, larkAnswer, larkFailure } from './testing/fake-lark';

const aUser = (openId: string) => ({ open_id: openId, name: `User ${openId}`, department_ids: ['od-1'] });

function pagedUsers(total: number, pageSize = 2): FakeRoute {
  return (_request, url) => {
    const offset = Number(url.searchParams.get('page_token') ?? 0);
    const items = Array.from({ length: Math.min(pageSize, total - offset) }, (_, index) =>
      aUser(`ou_${offset + index}`),
    );
    const hasMore = offset + pageSize < total;
    return larkAnswer({
      items,
      has_more: hasMore,
      ...(hasMore ? { page_token: String(offset + pageSize) } : {}),
    });
  };
}

function clientFor(route: FakeRoute, clock = new FakeClock(), tokenLifetimeSeconds?: number) {
  const fake = fakeLark(route, tokenLifetimeSeconds);
  const client = new LarkContactClient({
    baseUrl: 'https://open.example',
    appId: 'cli_x',
    appSecret: 'secret',
    transport: fake.transport,
    clock,
    random: () => 0.5,
  });
  return { client, clock, ...fake };
}

describe('LarkContactClient', () => {
  it('should read every page of a listing with open ids and page size 50', async () => {
    const { client, requests } = clientFor(pagedUsers(5));
    const users = await client.usersInDepartment('od-1');
    expect(users.map((user) => user.open_id)).toEqual(['ou_0', 'ou_1', 'ou_2', 'ou_3', 'ou_4']);
    expect(requests).toHaveLength(3);
    expect(requests[0].searchParams.get('page_size')).toBe('50');
    expect(requests[0].searchParams.get('user_id_type')).toBe('open_id');
    expect(client.stats).toMatchObject({ requests: 3, pages: 3, rateLimitWaits: 0 });
  });

  it('should cache the tenant token until 3 minutes before it expires, then renew it', async () => {
    const { client, clock, tokensIssued } = clientFor(pagedUsers(1), new FakeClock(), 600);
    await client.usersInDepartment('od-1');
    clock.current += (600 - 181) * 1000;
    await client.usersInDepartment('od-1');
    expect(tokensIssued()).toBe(1);
    clock.current += 2000;
    await client.usersInDepartment('od-1');
    expect(tokensIssued()).toBe(2);
  });

  it('should fetch a new token once when Lark rejects it mid-pagination and carry on', async () => {
    let rejected = false;
    const route: FakeRoute = (request, url) => {
      if (url.searchParams.has('page_token') && !rejected) {
        rejected = true;
        return larkFailure(99991663, 400, 'Invalid access token');
      }
      return pagedUsers(4)(request, url);
    };
    const { client, tokensIssued } = clientFor(route);
    expect(await client.usersInDepartment('od-1')).toHaveLength(4);
    expect(tokensIssued()).toBe(2);
  });

  it('should fail when the renewed token is rejected too', async () => {
    const { client, tokensIssued } = clientFor(() => larkFailure(99991663, 400, 'Invalid access token'));
    await expect(client.usersInDepartment('od-1')).rejects.toThrow(/check the App ID and App Secret/);
    expect(tokensIssued()).toBe(2);
  });

  it('should wait x-ogw-ratelimit-reset seconds after a 429 and then succeed', async () => {
    let throttled = 0;
    const route: FakeRoute = (request, url) =>
      throttled++ < 2
        ? larkFailure(99991400, 429, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '3' })
        : pagedUsers(1)(request, url);
    const { client, clock } = clientFor(route);
    const startedAt = clock.now();
    expect(await client.usersInDepartment('od-1')).toHaveLength(1);
    expect(clock.now() - startedAt).toBeGreaterThanOrEqual(6000);
    expect(client.stats.rateLimitWaits).toBe(2);
  });

  it('should give up with an error, never an empty page, when the 429s never stop', async () => {
    const { client } = clientFor(() =>
      larkFailure(99991400, 429, 'request trigger frequency limit', { 'x-ogw-ratelimit-reset': '1' }),
    );
    await expect(client.usersInDepartment('od-1')).rejects.toMatchObject({ code: 99991400, httpStatus: 429 });
  });

  it('should retry a 5xx with growing jittered delays and then succeed', async () => {
    let failures = 0;
    const route: FakeRoute = (request, url) =>
      failures++ < 2 ? larkFailure(1500, 500, 'internal error') : pagedUsers(1)(request, url);
    const { client, clock } = clientFor(route);
    await client.usersInDepartment('od-1');
    expect(client.stats.retries).toBe(2);
    expect(clock.slept.filter((ms) => ms > 0)).toEqual([187.5, 375]);
  });

  it.each([
    ['a 5xx', () => larkFailure(1500, 503, 'busy'), LarkApiError],
    ['a timeout', () => Promise.reject(new TransportTimeoutError(100)), LarkTransportError],
  ])('should fail after a bounded number of attempts on %s', async (_name, answer, errorType) => {
    const { client, requests } = clientFor(answer as FakeRoute);
    await expect(client.usersInDepartment('od-1')).rejects.toBeInstanceOf(errorType);
    expect(requests).toHaveLength(4);
  });

  it.each([
    [
      40004,
      403,
      'no dept authority error',
      {},
      /Department od-1 is outside the app's contact scope: widen the contact permission scope/,
    ],
    [
      99991672,
      400,
      'Access denied. One of the following scopes is required: [contact:user.email:readonly].',
      {},
      /lacks the permission contact:user\.email:readonly.*publish a new app version/,
    ],
    [99991662, 400, 'app disabled', {}, /app is disabled/],
    [10014, 400, 'app secret invalid', {}, /check the App Secret/],
  ])('should explain Lark code %p to the admin', async (code, status, msg, extra, advice) => {
    const { client } = clientFor(() => larkFailure(code, status, msg, {}, extra));
    const failure = client.usersInDepartment('od-1');
    await expect(failure).rejects.toMatchObject({ code, httpStatus: status });
    await expect(failure).rejects.toThrow(advice);
  });

  it('should explain a rejected App Secret on the token endpoint without echoing it', async () => {
    const transport = async (_request: LarkHttpRequest) => larkFailure(10014, 400, 'app secret invalid');
    const client = new LarkContactClient({
      baseUrl: 'https://open.example',
      appId: 'cli_x',
      appSecret: 'hunter2-secret',
      transport,
      clock: new FakeClock(),
    });
    const failure = client.usersInDepartment('od-1');
    await expect(failure).rejects.toThrow(/check the App Secret/);
    await expect(failure).rejects.not.toThrow(/hunter2/);
  });

  it('should refuse a page that claims more pages but carries no token', async () => {
    const { client } = clientFor(() => larkAnswer({ items: [aUser('ou_1')], has_more: true }));
    await expect(client.usersInDepartment('od-1')).rejects.toThrow(/no page token/);
  });

  it('should ask for at most 50 ids per batch request', async () => {
    const { client, requests } = clientFor((_request, url) =>
      larkAnswer({ items: url.searchParams.getAll('user_ids').map(aUser) }),
    );
    const ids = Array.from({ length: 120 }, (_, index) => `ou_${index}`);
    expect(await client.usersByIds(ids)).toHaveLength(120);
    expect(requests.map((url) => url.searchParams.getAll('user_ids').length)).toEqual([50, 50, 20]);
  });
});
