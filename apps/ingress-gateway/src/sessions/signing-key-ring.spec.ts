import { arrangeKeyRing, KeyRingPolicy, SigningKeyRecord } from './signing-key-ring';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const POLICY: KeyRingPolicy = {
  rotateEveryMs: 30 * DAY,
  publishAheadMs: 10 * 60_000,
  sessionLifetimeMs: HOUR,
};
const T0 = 1_800_000_000_000;

function aKey(kid: string, createdAt: number): SigningKeyRecord {
  return { kid, createdAt, publicJwk: { kty: 'OKP', crv: 'Ed25519', x: kid } };
}

const kids = (keys: SigningKeyRecord[]) => keys.map((key) => key.kid);

describe('arrangeKeyRing', () => {
  it('should ask for a first key when there is none, and sign with nothing', () => {
    expect(arrangeKeyRing([], POLICY, T0)).toEqual({
      signing: undefined,
      published: [],
      expired: [],
      shouldRotate: true,
    });
  });

  it('should sign with the very first key at once', () => {
    const ring = arrangeKeyRing([aKey('a', T0)], POLICY, T0 + 1);
    expect(ring.signing?.kid).toBe('a');
    expect(kids(ring.published)).toEqual(['a']);
    expect(ring.shouldRotate).toBe(false);
  });

  it('should rotate once the newest key is as old as the rotation period', () => {
    expect(arrangeKeyRing([aKey('a', T0)], POLICY, T0 + 30 * DAY - 1).shouldRotate).toBe(false);
    expect(arrangeKeyRing([aKey('a', T0)], POLICY, T0 + 30 * DAY).shouldRotate).toBe(true);
  });

  it('should publish a new key ahead of signing with it, then sign with it', () => {
    const keys = [aKey('a', T0), aKey('b', T0 + 30 * DAY)];
    const before = arrangeKeyRing(keys, POLICY, T0 + 30 * DAY + POLICY.publishAheadMs - 1);
    expect(before.signing?.kid).toBe('a');
    expect(kids(before.published)).toEqual(['b', 'a']);
    const after = arrangeKeyRing(keys, POLICY, T0 + 30 * DAY + POLICY.publishAheadMs);
    expect(after.signing?.kid).toBe('b');
    expect(kids(after.published)).toEqual(['b', 'a']);
  });

  it.each([
    ['still published while its last session may live', HOUR - 1, ['b', 'a'], []],
    ['expired once its last session has expired', HOUR, ['b'], ['a']],
  ])('should keep a retired key %s', (_case, sinceRetired, published, expired) => {
    const retiredAt = T0 + 30 * DAY + POLICY.publishAheadMs;
    const ring = arrangeKeyRing([aKey('a', T0), aKey('b', T0 + 30 * DAY)], POLICY, retiredAt + sinceRetired);
    expect(kids(ring.published)).toEqual(published);
    expect(kids(ring.expired)).toEqual(expired);
  });

  it('should not depend on the order the keys were read in', () => {
    const keys = [aKey('b', T0 + 30 * DAY), aKey('c', T0 + 60 * DAY), aKey('a', T0)];
    const ring = arrangeKeyRing(keys, POLICY, T0 + 60 * DAY + POLICY.publishAheadMs);
    expect(ring.signing?.kid).toBe('c');
    expect(kids(ring.published)).toEqual(['c', 'b']);
    expect(kids(ring.expired)).toEqual(['a']);
  });
});
