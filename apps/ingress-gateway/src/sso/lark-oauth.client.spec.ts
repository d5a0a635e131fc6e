import { larkOrigins } from './lark-hosts';
import { larkCode, LarkOAuthClient } from './lark-oauth.client';

const ORIGINS = larkOrigins('feishu', 'http://lark.test');
const EXCHANGE = {
  appId: 'cli_x',
  appSecret: 'secret',
  code: 'the-code',
  redirectUri: 'http://gw.test/open-dev/feishu',
  codeVerifier: 'v'.repeat(43),
};

function aResponse(status: number, body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

describe('larkCode', () => {
  it.each([
    [{ code: 0 }, 0],
    [{ code: '0' }, 0],
    [{ code: '20004' }, 20004],
    [{ access_token: 'u-x' }, 0],
    [{ error: 'invalid_grant' }, Number.NaN],
  ])('should read %p as %p', (body, expected) => {
    expect(larkCode(body)).toBe(expected);
  });
});

describe('LarkOAuthClient', () => {
  const fetchMock = jest.spyOn(global, 'fetch');
  const client = new LarkOAuthClient({ timeoutMs: 1000 });

  afterEach(() => fetchMock.mockReset());
  afterAll(() => fetchMock.mockRestore());

  it('should post the code as JSON with the PKCE verifier and accept a "0" code', async () => {
    fetchMock.mockResolvedValueOnce(
      aResponse(200, { code: '0', access_token: 'u-token', token_type: 'Bearer' }),
    );
    await expect(client.exchangeCode(ORIGINS, EXCHANGE)).resolves.toBe('u-token');
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://lark.test/open-apis/authen/v2/oauth/token');
    expect(JSON.parse(String(init?.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'cli_x',
      client_secret: 'secret',
      code: 'the-code',
      redirect_uri: EXCHANGE.redirectUri,
      code_verifier: EXCHANGE.codeVerifier,
    });
  });

  it.each([
    [
      'a used code (HTTP 400)',
      () => aResponse(400, { code: 20003, error: 'invalid_grant' }),
      401,
      'code_invalid',
    ],
    [
      'an expired code as a string',
      () => aResponse(400, { code: '20004', error: 'invalid_grant' }),
      401,
      'code_expired',
    ],
    [
      'a user outside the app',
      () => aResponse(400, { code: 20010, error: 'access_denied' }),
      403,
      'app_not_allowed',
    ],
    ['an HTML 502 page', () => aResponse(502, '<html>bad gateway</html>'), 502, 'lark_unavailable'],
    ['a non-JSON 200', () => aResponse(200, 'not json'), 502, 'lark_bad_response'],
    ['success without a token', () => aResponse(200, { code: 0 }), 502, 'lark_bad_response'],
    ['a JSON array', () => aResponse(200, []), 502, 'lark_bad_response'],
  ])('should refuse %s', async (_case, response, status, code) => {
    fetchMock.mockResolvedValueOnce(response());
    await expect(client.exchangeCode(ORIGINS, EXCHANGE)).rejects.toMatchObject({ status, code });
  });

  it.each([
    ['refused connection', new TypeError('fetch failed')],
    ['timeout', new DOMException('timed out', 'TimeoutError')],
  ])('should answer 502 lark_unreachable on a %s', async (_case, failure) => {
    fetchMock.mockRejectedValueOnce(failure);
    await expect(client.exchangeCode(ORIGINS, EXCHANGE)).rejects.toMatchObject({
      status: 502,
      code: 'lark_unreachable',
    });
  });

  it('should read user_info with the bearer token', async () => {
    fetchMock.mockResolvedValueOnce(
      aResponse(200, { code: 0, data: { open_id: 'ou_1', tenant_key: 't1', name: 'Han Meimei' } }),
    );
    await expect(client.readUserInfo(ORIGINS, 'u-token')).resolves.toEqual({
      openId: 'ou_1',
      tenantKey: 't1',
      name: 'Han Meimei',
    });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://lark.test/open-apis/authen/v1/user_info');
    expect(init?.headers).toEqual({ authorization: 'Bearer u-token' });
  });

  it.each([
    [{ code: 20021, msg: 'user resigned' }, 403, 'user_resigned'],
    [{ code: 20005, msg: 'invalid token' }, 401, 'user_token_invalid'],
    [{ code: 0, data: {} }, 502, 'lark_bad_response'],
  ])('should refuse user_info %p', async (body, status, code) => {
    fetchMock.mockResolvedValueOnce(aResponse(200, body));
    await expect(client.readUserInfo(ORIGINS, 'u-token')).rejects.toMatchObject({ status, code });
  });
});
