import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { MasterKey, MasterKeyRing, parseMasterKeys } from '@app/config';

/** `v2.<key id>.<iv>.<tag>.<ciphertext>`; `v1.<iv>.<tag>.<ciphertext>` values (no key id) are still read. */
const VERSION = 'v2';

/**
 * AES-256-GCM encryption of secrets at rest under the master keys. Each value names the key that sealed it, so a
 * ring of a current key and previous ones reads everything while `rotate-master-key` re-seals under the current one.
 */
export class SecretBox {
  readonly keys: MasterKeyRing;

  /** `masterKeys`: a `LARKSYNC_MASTER_KEYS` list or a single base64 key. */
  constructor(masterKeys: string) {
    this.keys = parseMasterKeys(masterKeys);
  }

  seal(plaintext: string, associatedData: string): string {
    const { id, key } = this.keys.current;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.');
  }

  /** Throws when the value was sealed for another record, or under a key this ring does not hold (named). */
  open(sealed: string, associatedData: string): string {
    const { keyId, iv, tag, ciphertext } = parseSealed(sealed);
    if (keyId === null) {
      for (const key of this.keys.all) {
        const opened = tryOpen(key, iv, tag, ciphertext, associatedData);
        if (opened !== undefined) return opened;
      }
      throw new Error('a secret sealed before key ids (v1) opens under none of the master keys');
    }
    const key = this.keys.all.find((candidate) => candidate.id === keyId);
    if (!key)
      throw new Error(
        `a secret is sealed under master key "${keyId}", which the master keys do not hold ` +
          `(they hold ${this.keys.all.map((held) => `"${held.id}"`).join(', ')}): add it to LARKSYNC_MASTER_KEYS`,
      );
    const opened = tryOpen(key, iv, tag, ciphertext, associatedData);
    if (opened === undefined) throw new Error(`a secret does not open under master key "${keyId}"`);
    return opened;
  }

  /** True when the value is sealed under the current key (nothing to re-seal). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`${VERSION}.${this.keys.current.id}.`);
  }
}

function parseSealed(sealed: string) {
  const parts = sealed.split('.');
  const keyId = parts[0] === VERSION && parts.length === 5 ? parts[1] : null;
  if (keyId === null && !(parts[0] === 'v1' && parts.length === 4))
    throw new Error('unrecognised sealed secret');
  const [iv, tag, ciphertext] = parts.slice(-3).map((part) => Buffer.from(part, 'base64'));
  return { keyId, iv, tag, ciphertext };
}

function tryOpen(
  { key }: MasterKey,
  iv: Buffer,
  tag: Buffer,
  ciphertext: Buffer,
  associatedData: string,
): string | undefined {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
