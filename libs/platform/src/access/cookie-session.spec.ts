import { randomBytes } from 'node:crypto';
import {
  csrfTokenMatches,
  csrfTokenOf,
  issueSession,
  SESSION_LIFETIME_S,
  sessionClaimsOf,
  sessionKeyOf,
  sessionMacMatches,
} from './cookie-session';

const key = sessionKeyOf(randomBytes(32));
const secretHash = randomBytes(32);
const now = 1_800_000_000_000;

describe('console session cookies', () => {
  const { cookie, claims } = issueSession(key, 'c0ffee', secretHash, now);

  it('name the credential and an expiry, and hold no secret hash', () => {
    expect(claims).toEqual({ credentialId: 'c0ffee', expiresAt: now + SESSION_LIFETIME_S * 1000 });
    expect(sessionClaimsOf(cookie, now)).toEqual(claims);
    expect(cookie).not.toContain(secretHash.toString('base64url'));
  });

  it('verify only under the same key and the same secret hash', () => {
    expect(sessionMacMatches(key, cookie, secretHash)).toBe(true);
    expect(sessionMacMatches(key, cookie, randomBytes(32))).toBe(false);
    expect(sessionMacMatches(sessionKeyOf(randomBytes(32)), cookie, secretHash)).toBe(false);
  });

  it('refuse a changed credential id or expiry', () => {
    const [, expiry, nonce, mac] = cookie.split('.');
    expect(sessionMacMatches(key, `other.${expiry}.${nonce}.${mac}`, secretHash)).toBe(false);
    expect(sessionMacMatches(key, `c0ffee.${Number(expiry) + 1}.${nonce}.${mac}`, secretHash)).toBe(false);
  });

  it('end at their expiry, and malformed ones have no claims', () => {
    expect(sessionClaimsOf(cookie, claims.expiresAt)).toBeUndefined();
    for (const malformed of ['', 'a.b.c', 'id.notanumber.n.m', 'id.1.n.m.extra', 'bad id.1.n.m'])
      expect(sessionClaimsOf(malformed, 0)).toBeUndefined();
  });

  it('bind the CSRF token to one session', () => {
    const token = csrfTokenOf(key, cookie);
    const other = issueSession(key, 'c0ffee', secretHash, now).cookie;
    expect(csrfTokenMatches(key, cookie, token)).toBe(true);
    expect(csrfTokenMatches(key, other, token)).toBe(false);
    expect(csrfTokenMatches(key, cookie, undefined)).toBe(false);
    expect(csrfTokenMatches(key, cookie, token.slice(1))).toBe(false);
  });
});
