import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** `lsk_<credential id, 32 hex>_<32 random bytes, base64url>`: recognisable by secret scanners, and names its row. */
const SECRET = /^lsk_([0-9a-f]{32})_[A-Za-z0-9_-]{43}$/;

export interface IssuedSecret {
  id: string;
  secret: string;
  sha256: Buffer;
}

/** SHA-256 is enough: the secret is 256 random bits, so a slow password hash would add nothing. */
export const secretSha256 = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export function issueCredentialSecret(): IssuedSecret {
  const id = randomUUID();
  const secret = `lsk_${id.replaceAll('-', '')}_${randomBytes(32).toString('base64url')}`;
  return { id, secret, sha256: secretSha256(secret) };
}

/** The credential id a presented secret names, or undefined when it is not one of ours. */
export function credentialIdOf(secret: string): string | undefined {
  const hex = SECRET.exec(secret)?.[1];
  return (
    hex && `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
  );
}
