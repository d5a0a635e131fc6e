import { randomBytes } from 'node:crypto';
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
