import { createHash } from 'node:crypto';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The master keys in use: the first seals, every one opens. */
export interface MasterKeyRing {
  current: MasterKey;
  all: readonly MasterKey[];
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A key named by nobody gets the first 8 hex digits of its SHA-256: stable, and says nothing of the key. */
export function fingerprintId(key: Buffer): string {
  return `k${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
}

/**
 * `LARKSYNC_MASTER_KEYS`: comma-separated `[id:]base64` entries, the current key first, then the previous ones
 * still accepted for reading. A single `LARKSYNC_MASTER_KEY` is a ring of one.
 */
export function parseMasterKeys(spec: string): MasterKeyRing {
  const entries = spec.split(',').map((entry) => entry.trim());
  if (entries.some((entry) => entry === ''))
    throw new Error(
      'LARKSYNC_MASTER_KEY(S) is empty or has an empty entry (expected "id:base64,id:base64,…")',
    );
  const all = entries.map((entry, index) => {
    const separator = entry.indexOf(':');
    const encoded = separator < 0 ? entry : entry.slice(separator + 1);
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32 || key.toString('base64') !== encoded)
      throw new Error(`${which(index)} must be 32 bytes, base64-encoded (44 characters)`);
    const id = separator < 0 ? fingerprintId(key) : entry.slice(0, separator);
    if (!KEY_ID.test(id)) throw new Error(`${which(index)}: the id must be 1-32 letters, digits, "-" or "_"`);
    return { id, key };
  });
  const ids = all.map((key) => key.id);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated) throw new Error(`master key id "${repeated}" appears twice`);
  return { current: all[0], all };
}

const which = (index: number) => `LARKSYNC_MASTER_KEY (or entry ${index + 1} of LARKSYNC_MASTER_KEYS)`;
