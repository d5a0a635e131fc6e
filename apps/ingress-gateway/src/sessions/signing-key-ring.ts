import type { JWK } from 'jose';

/** A session signing key as every gateway replica sees it: public half, and when it was made. */
export interface SigningKeyRecord {
  kid: string;
  createdAt: number;
  publicJwk: JWK;
}

export interface KeyRingPolicy {
  /** A new key is made once the newest is this old. */
  rotateEveryMs: number;
  /**
   * A new key is published this long before it signs, so that relying parties that cached the JWKS
   * (for at most its max-age) know it before they meet it; every replica reloads keys far more often.
   */
  publishAheadMs: number;
  /** A retired key stays published until every session it signed has expired. */
  sessionLifetimeMs: number;
}

export interface KeyRing {
  /** The key that signs new sessions; undefined only before the first key exists. */
  signing?: SigningKeyRecord;
  /** Keys a relying party needs: the signing key, the next one, and retired ones whose sessions may live. */
  published: SigningKeyRecord[];
  /** Keys no live session can carry: safe to delete. */
  expired: SigningKeyRecord[];
  shouldRotate: boolean;
}

/** Which key signs, which are published, which can go, and whether a new one is due, at `now`. */
export function arrangeKeyRing(keys: SigningKeyRecord[], policy: KeyRingPolicy, now: number): KeyRing {
  const newestFirst = [...keys].sort((a, b) => b.createdAt - a.createdAt);
  const ready = newestFirst.filter((key) => key.createdAt + policy.publishAheadMs <= now);
  // The very first key signs at once (no relying party can hold an older JWKS that lacks it); else the oldest.
  const signing = ready[0] ?? newestFirst.at(-1);
  const published: SigningKeyRecord[] = [];
  const expired: SigningKeyRecord[] = [];
  newestFirst.forEach((key, index) => {
    if (!signing || key.createdAt >= signing.createdAt) return published.push(key);
    const successor = newestFirst[index - 1];
    const retiredAt = successor.createdAt + policy.publishAheadMs;
    (retiredAt + policy.sessionLifetimeMs > now ? published : expired).push(key);
  });
  const newest = newestFirst[0];
  return {
    signing,
    published,
    expired,
    shouldRotate: !newest || newest.createdAt + policy.rotateEveryMs <= now,
  };
}
