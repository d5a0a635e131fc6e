import { clientRedirect, clientReturnOf, isAllowedClientRedirect } from './client-return';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('client return (RFC 8252)', () => {
  it.each([
    'http://127.0.0.1:53122/callback',
    'http://127.0.0.1/callback',
    'http://[::1]:61000/cb?x=1',
    'com.acme.sase:/oauth2redirect',
    'com.acme.sase://callback',
  ])('should allow %s', (uri) => {
    expect(isAllowedClientRedirect(uri, ['com.acme.sase'])).toBe(true);
  });

  it.each([
    'http://localhost:53122/callback',
    'https://127.0.0.1:53122/callback',
    'http://127.0.0.2:53122/callback',
    'http://127.0.0.1.evil.example/cb',
    'http://user:pw@127.0.0.1:5000/cb',
    'http://127.0.0.1:53122/callback#frag',
    'https://evil.example.com/cb',
    'com.other.app:/callback',
    'javascript:alert(1)',
    'not a url',
    `http://127.0.0.1:1/${'a'.repeat(1100)}`,
  ])('should refuse %s', (uri) => {
    expect(isAllowedClientRedirect(uri, ['com.acme.sase'])).toBe(false);
  });

  it('should take an S256 challenge and the state', () => {
    expect(
      clientReturnOf(
        {
          redirectUri: 'http://127.0.0.1:1/cb',
          codeChallenge: CHALLENGE,
          codeChallengeMethod: 'S256',
          state: 'xyz',
        },
        'zh-CN',
      ),
    ).toEqual({
      redirectUri: 'http://127.0.0.1:1/cb',
      codeChallenge: CHALLENGE,
      state: 'xyz',
      language: 'zh-CN',
    });
  });

  it.each([
    [{ codeChallenge: CHALLENGE }],
    [{ codeChallenge: CHALLENGE, codeChallengeMethod: 'plain' }],
    [{ codeChallengeMethod: 'S256' }],
    [{ codeChallenge: 'short', codeChallengeMethod: 'S256' }],
    [{ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256', state: 'x'.repeat(513) }],
    [{ codeChallenge: CHALLENGE, codeChallengeMethod: 'S256', state: 'tab\there' }],
  ])('should refuse %j as invalid_request', (query) => {
    expect(() => clientReturnOf({ redirectUri: 'http://127.0.0.1:1/cb', ...query }, 'en-US')).toThrow(
      expect.objectContaining({ code: 'invalid_request', status: 400 }),
    );
  });

  it('should add the parameters and the state to the query, keeping the existing ones', () => {
    const location = new URL(
      clientRedirect({ redirectUri: 'http://127.0.0.1:9/cb?keep=1', state: 's 1' }, { code: 'abc' }),
    );
    expect(Object.fromEntries(location.searchParams)).toEqual({ keep: '1', code: 'abc', state: 's 1' });
    expect(clientRedirect({ redirectUri: 'com.acme.sase:/cb' }, { error: 'x' })).toBe(
      'com.acme.sase:/cb?error=x',
    );
  });
});
