import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { LarkProtocolError } from './lark-protocol.error';

const BLOCK = 16;
const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey, 'utf8').digest();
}

/** Lark's `encrypt` field: AES-256-CBC under SHA-256(Encrypt Key text), IV first, PKCS#7, standard base64 → plaintext. */
export function decryptPayload(encrypt: string, encryptKey: string): string {
  if (!STANDARD_BASE64.test(encrypt))
    throw new LarkProtocolError('bad_base64', 'encrypt is not standard base64');
  const bytes = Buffer.from(encrypt, 'base64');
  const cipherText = bytes.subarray(BLOCK);
  if (bytes.length < BLOCK || cipherText.length === 0 || cipherText.length % BLOCK !== 0) {
    throw new LarkProtocolError('bad_length', 'ciphertext is not an IV followed by whole AES blocks');
  }
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), bytes.subarray(0, BLOCK));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(cipherText), decipher.final()]);
  const plain = stripPkcs7(padded);
  try {
    return utf8.decode(plain);
  } catch {
    throw new LarkProtocolError('wrong_key', 'decrypted bytes are not UTF-8 text: wrong Encrypt Key');
  }
}

/** Decrypts and JSON-parses Lark's `encrypt` field. */
export function decryptEnvelope(encrypt: string, encryptKey: string): unknown {
  const text = decryptPayload(encrypt, encryptKey);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new LarkProtocolError('not_json', 'decrypted text is not JSON');
  }
}

/** The sender side, for the simulator-free tests and the benchmark; `iv` only to reproduce fixed vectors. */
export function encryptPayload(
  plaintext: string,
  encryptKey: string,
  iv: Buffer = randomBytes(BLOCK),
): string {
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  return Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final()]).toString('base64');
}

// A wrong key almost always shows up here: the last block decrypts to noise.
function stripPkcs7(padded: Buffer): Buffer {
  const count = padded[padded.length - 1];
  const isValid =
    count >= 1 && count <= BLOCK && padded.subarray(padded.length - count).every((byte) => byte === count);
  if (!isValid)
    throw new LarkProtocolError(
      'bad_padding',
      'bad PKCS#7 padding: wrong Encrypt Key or corrupted ciphertext',
    );
  return padded.subarray(0, padded.length - count);
}
