import { hkdfSync } from 'node:crypto';

export type KeyPurpose = 'sso-state' | 'sso-pkce';

const SALT = Buffer.from('larksync-sso');

/** A 32-byte key for one purpose, derived from LARKSYNC_MASTER_KEY with HKDF-SHA256, so no purpose ever reuses another's key. */
export function deriveKey(masterKeyBase64: string, purpose: KeyPurpose): Buffer {
  const master = Buffer.from(masterKeyBase64, 'base64');
  if (master.length !== 32) throw new Error('LARKSYNC_MASTER_KEY must be 32 bytes, base64-encoded');
  return Buffer.from(hkdfSync('sha256', master, SALT, `larksync/${purpose}/v1`, 32));
}
