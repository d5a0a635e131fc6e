import { authorizeUrl, larkOrigins } from './lark-hosts';

describe('larkOrigins', () => {
  it.each([
    ['feishu', undefined, 'https://accounts.feishu.cn', 'https://open.feishu.cn'],
    ['lark', undefined, 'https://accounts.larksuite.com', 'https://open.larksuite.com'],
    ['lark', 'http://127.0.0.1:9400/', 'http://127.0.0.1:9400', 'http://127.0.0.1:9400'],
  ] as const)(
    'should serve a %s IdP with LARK_BASE_URL %p from %s and %s',
    (platform, override, accounts, open) => {
      expect(larkOrigins(platform, override)).toEqual({ accounts, open });
    },
  );
});

describe('authorizeUrl', () => {
  it('should carry client_id, redirect_uri, state and an S256 challenge', () => {
    const url = new URL(
      authorizeUrl(larkOrigins('feishu'), {
        appId: 'cli_x',
        redirectUri: 'http://127.0.0.1:8080/open-dev/feishu',
        state: 's.t',
        codeChallenge: 'abc',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://accounts.feishu.cn/open-apis/authen/v1/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'cli_x',
      redirect_uri: 'http://127.0.0.1:8080/open-dev/feishu',
      state: 's.t',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
    });
  });
});
