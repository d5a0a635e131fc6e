import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

const IV_LENGTH = 16;

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/**
 * Encrypts a payload the way Lark does for event delivery: AES-256-CBC, key = SHA-256 of the
 * Encrypt Key text, PKCS#7 padding, a random IV prepended, standard base64.
 * `iv` is only for reproducing fixed test vectors.
 */
export function encryptLarkPayload(
  plaintext: string,
  encryptKey: string,
  iv: Buffer = randomBytes(IV_LENGTH),
): string {
  if (iv.length !== IV_LENGTH) throw new Error(`IV must be ${IV_LENGTH} bytes`);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

export function decryptLarkPayload(encrypted: string, encryptKey: string): string {
  const bytes = Buffer.from(encrypted, 'base64');
  const cipherText = bytes.subarray(IV_LENGTH);
  if (cipherText.length === 0 || cipherText.length % IV_LENGTH !== 0) {
    throw new Error('ciphertext is not a non-zero multiple of the AES block size');
  }
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), bytes.subarray(0, IV_LENGTH));
  return Buffer.concat([decipher.update(cipherText), decipher.final()]).toString('utf8');
}

/** X-Lark-Signature: lowercase hex SHA-256 over timestamp + nonce + encryptKey followed by the raw body bytes. */
export function signLarkRequest(
  timestamp: string,
  nonce: string,
  encryptKey: string,
  rawBody: string | Buffer,
): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}
