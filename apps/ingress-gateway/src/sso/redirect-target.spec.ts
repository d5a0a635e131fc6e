import { acceptRedirect, withSessionFragment } from './redirect-target';

const ALLOWED = new Set(['https://sase.example.com', 'http://127.0.0.1:8080']);

describe('acceptRedirect', () => {
  it.each([undefined, ''])('should accept no redirect (%p)', (raw) => {
    expect(acceptRedirect(raw, ALLOWED)).toBeUndefined();
  });

  it.each(['https://sase.example.com/after-login?tab=1', 'http://127.0.0.1:8080/done'])(
    'should accept %s on an allowed origin',
    (raw) => {
      expect(acceptRedirect(raw, ALLOWED)).toBe(raw);
    },
  );

  it.each([
    'https://evil.example.com/steal',
    'https://sase.example.com.evil.example.com/',
    'http://sase.example.com/',
    '//sase.example.com/relative',
    '/relative',
    'javascript:alert(1)',
    `https://sase.example.com/${'a'.repeat(3000)}`,
  ])('should refuse %s with 400 redirect_not_allowed', (raw) => {
    expect(() => acceptRedirect(raw, ALLOWED)).toThrow(
      expect.objectContaining({ status: 400, code: 'redirect_not_allowed' }),
    );
  });
});

describe('withSessionFragment', () => {
  it('should put the session in the fragment, replacing any fragment, and keep the query', () => {
    const location = withSessionFragment('https://sase.example.com/cb?x=1#old', {
      session: 'a.b.c',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
    const url = new URL(location);
    expect(url.search).toBe('?x=1');
    expect(Object.fromEntries(new URLSearchParams(url.hash.slice(1)))).toEqual({
      session: 'a.b.c',
      expires_at: '2030-01-01T00:00:00.000Z',
    });
  });
});
