import { createHmac, randomBytes } from 'node:crypto';
import { deriveKey } from './derived-keys';
import { SESSION_LIFETIME_S, SessionTokens } from './session-token';

const MASTER_KEY = randomBytes(32).toString('base64');
const SUBJECT = {
  openId: 'ou_0123456789abcdef',
  idpId: '4f6d2b1e-8c3a-4e5f-9a7b-1c2d3e4f5a6b',
  name: 'Li Lei',
};

function aClock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

function decodePart(token: string, index: number): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[index], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('SessionTokens', () => {
  it('should issue an HS256 JWT for 8 hours with the subject, the IdP and the name', () => {
    const clock = aClock();
    const { session, expiresAt } = new SessionTokens(MASTER_KEY, clock.now).issue(SUBJECT);
    expect(decodePart(session, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = decodePart(session, 1);
    expect(claims).toMatchObject({
      iss: 'larksync',
      sub: SUBJECT.openId,
      idp: SUBJECT.idpId,
      name: 'Li Lei',
      iat: 1_700_000_000,
    });
    expect(claims.exp).toBe(1_700_000_000 + SESSION_LIFETIME_S);
    expect(expiresAt).toBe(new Date((1_700_000_000 + 8 * 3600) * 1000).toISOString());
  });

  it('should sign with HMAC-SHA256 under the key derived for sessions', () => {
    const { session } = new SessionTokens(MASTER_KEY).issue(SUBJECT);
    const [header, payload, signature] = session.split('.');
    const expected = createHmac('sha256', deriveKey(MASTER_KEY, 'sso-session'))
      .update(`${header}.${payload}`)
      .digest('base64url');
    expect(signature).toBe(expected);
  });

  it('should leave the name out when there is none', () => {
    const { session } = new SessionTokens(MASTER_KEY).issue({ openId: SUBJECT.openId, idpId: SUBJECT.idpId });
    expect(decodePart(session, 1)).not.toHaveProperty('name');
  });

  it('should verify its own session until it expires', () => {
    const clock = aClock();
    const tokens = new SessionTokens(MASTER_KEY, clock.now);
    const { session } = tokens.issue(SUBJECT);
    clock.advance(SESSION_LIFETIME_S * 1000 - 1000);
    expect(tokens.verify(session)?.sub).toBe(SUBJECT.openId);
    clock.advance(1000);
    expect(tokens.verify(session)).toBeUndefined();
  });

  it.each([
    [
      'a changed subject',
      (session: string) =>
        session.replace(
          session.split('.')[1],
          Buffer.from(JSON.stringify({ ...decodePart(session, 1), sub: 'ou_attacker' })).toString(
            'base64url',
          ),
        ),
    ],
    [
      'alg none',
      (session: string) =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${session.split('.')[1]}.`,
    ],
    ['a truncated signature', (session: string) => session.slice(0, -2)],
    ['two parts', (session: string) => session.split('.').slice(0, 2).join('.')],
  ])('should reject %s', (_case, mutate) => {
    const tokens = new SessionTokens(MASTER_KEY);
    expect(tokens.verify(mutate(tokens.issue(SUBJECT).session))).toBeUndefined();
  });

  it('should reject a session signed under another master key', () => {
    const { session } = new SessionTokens(randomBytes(32).toString('base64')).issue(SUBJECT);
    expect(new SessionTokens(MASTER_KEY).verify(session)).toBeUndefined();
  });
});
