import { hkdfSync } from 'node:crypto';
import { parseMasterKeys } from '@app/config';

export type KeyPurpose = 'sso-state' | 'sso-pkce';

const SALT = Buffer.from('larksync-sso');

/**
 * A 32-byte key for one purpose, derived with HKDF-SHA256 from the current master key, so no purpose ever
 * reuses another's key. What it signs lives minutes (a login in flight), so it follows the current key alone.
 */
export function deriveKey(masterKeys: string, purpose: KeyPurpose): Buffer {
  const master = parseMasterKeys(masterKeys).current.key;
  return Buffer.from(hkdfSync('sha256', master, SALT, `larksync/${purpose}/v1`, 32));
}
