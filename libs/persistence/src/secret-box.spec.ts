import { createCipheriv, randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

const key = () => randomBytes(32).toString('base64');

describe('SecretBox', () => {
  it('should round-trip a secret without keeping it readable', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('app-secret-value', 'idp-1');
    expect(sealed).not.toContain('app-secret-value');
    expect(box.open(sealed, 'idp-1')).toBe('app-secret-value');
  });

  it('should refuse a secret sealed for another record or under another key', () => {
    const box = new SecretBox(key());
    const sealed = box.seal('x', 'idp-1');
    expect(() => box.open(sealed, 'idp-2')).toThrow();
    expect(() => new SecretBox(key()).open(sealed, 'idp-1')).toThrow();
  });

  it.each(['', 'c2hvcnQ=', randomBytes(31).toString('base64')])(
    'should reject master key %p',
    (masterKey) => {
      expect(() => new SecretBox(masterKey)).toThrow(/LARKSYNC_MASTER_KEY/);
    },
  );
});

describe('SecretBox with several master keys', () => {
  const [current, previous] = [randomBytes(32), randomBytes(32)].map((bytes) => bytes.toString('base64'));

  it('seals under the current key and names it, and opens what the previous key sealed', () => {
    const old = new SecretBox(`2026-06:${previous}`);
    const sealedBefore = old.seal('app-secret-value', 'idp:1');
    const ring = new SecretBox(`2026-12:${current},2026-06:${previous}`);

    expect(ring.open(sealedBefore, 'idp:1')).toBe('app-secret-value');
    expect(ring.isCurrent(sealedBefore)).toBe(false);
    const resealed = ring.seal('app-secret-value', 'idp:1');
    expect(resealed.startsWith('v2.2026-12.')).toBe(true);
    expect(ring.isCurrent(resealed)).toBe(true);
    expect(new SecretBox(`2026-12:${current}`).open(resealed, 'idp:1')).toBe('app-secret-value');
  });

  it('names the missing key when a value was sealed under a key the ring does not hold', () => {
    const sealed = new SecretBox(`2026-06:${previous}`).seal('x', 'idp:1');
    expect(() => new SecretBox(`2026-12:${current}`).open(sealed, 'idp:1')).toThrow(
      /sealed under master key "2026-06", which the master keys do not hold \(they hold "2026-12"\)/,
    );
  });

  it('reads values sealed before key ids (v1) under whichever key of the ring sealed them', () => {
    const v1 = legacySeal(Buffer.from(previous, 'base64'), 'secret', 'idp:1');
    const ring = new SecretBox(`${current},${previous}`);
    expect(ring.open(v1, 'idp:1')).toBe('secret');
    expect(ring.isCurrent(v1)).toBe(false);
    expect(() => new SecretBox(current).open(v1, 'idp:1')).toThrow(/v1/);
  });

  it('gives an unnamed key its fingerprint as id, the same in every process', () => {
    expect(new SecretBox(current).keys.current.id).toBe(
      new SecretBox(`${current},${previous}`).keys.current.id,
    );
    expect(new SecretBox(current).keys.current.id).toMatch(/^k[0-9a-f]{8}$/);
  });

  it.each([
    [`a:${current},a:${previous}`, /id "a" appears twice/],
    [`${current},`, /empty entry/],
    [`bad id:${current}`, /the id must be/],
    [`a:${current},b:c2hvcnQ=`, /entry 2 of LARKSYNC_MASTER_KEYS\) must be 32 bytes/],
  ])('refuses the key list %p', (spec, message) => expect(() => new SecretBox(spec)).toThrow(message));
});

/** The format written before key ids: v1.<iv>.<tag>.<ciphertext>. */
function legacySeal(key: Buffer, plaintext: string, associatedData: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
    .join('.');
}
