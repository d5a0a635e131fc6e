import { createHash, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** X-Lark-Signature: lowercase hex SHA-256 over UTF-8(timestamp + nonce + encryptKey) followed by the raw body bytes. */
export function computeSignature(
  rawBody: Buffer,
  timestamp: string,
  nonce: string,
  encryptKey: string,
): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

/**
 * Checks Lark's signature over the exact bytes received (never a re-serialised body, which differs
 * as soon as Lark's JSON carries whitespace), comparing in constant time.
 */
export function verifySignature(
  rawBody: Buffer,
  timestamp: string,
  nonce: string,
  signature: string,
  encryptKey: string,
): boolean {
  if (!HEX_SHA256.test(signature)) return false;
  const expected = Buffer.from(computeSignature(rawBody, timestamp, nonce, encryptKey), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
