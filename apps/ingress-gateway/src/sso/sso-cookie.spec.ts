import { SsoCookie } from './sso-cookie';

describe('SsoCookie', () => {
  it('should scope the cookie to the redirect URL behind a proxy prefix, Secure over https', () => {
    const cookie = new SsoCookie(new URL('https://sase.example.com/gateway/open-dev/feishu'));
    expect(cookie.set('abc')).toBe(
      'larksync_sso=abc; Max-Age=600; Path=/gateway/open-dev/feishu; HttpOnly; Secure; SameSite=Lax',
    );
    expect(cookie.clear()).toBe(
      'larksync_sso=; Max-Age=0; Path=/gateway/open-dev/feishu; HttpOnly; Secure; SameSite=Lax',
    );
  });

  it('should leave Secure out over plain http (local runs)', () => {
    expect(new SsoCookie(new URL('http://127.0.0.1:8080/open-dev/feishu')).set('abc')).not.toContain(
      'Secure',
    );
  });

  it.each([
    ['theme=dark; larksync_sso=abc-_1; other=x', 'abc-_1'],
    ['theme=dark', undefined],
    ['larksync_sso=', undefined],
    [undefined, undefined],
  ])('should read the binding from the Cookie header %p', (header, binding) => {
    expect(new SsoCookie(new URL('http://localhost/open-dev/feishu')).read(header)).toBe(binding);
  });
});
