import { loadLarkVectors } from '../../libs/lark/src/protocol/testing/lark-vectors';
import { decryptLarkPayload, encryptLarkPayload, signLarkRequest } from './lark-crypto';

const vectors = loadLarkVectors();
const decryptionCases = vectors.decryption.map((v) => [v.name, v] as const);
const signatureCases = vectors.signatures.map((v) => [v.name, v] as const);

describe('lark-crypto', () => {
  it('should load every vector from the reference file', () => {
    expect(decryptionCases).toHaveLength(6);
    expect(signatureCases).toHaveLength(4);
  });

  it.each(decryptionCases)('should reproduce the ciphertext of "%s" with its IV', (_name, vector) => {
    const encrypted = encryptLarkPayload(
      vector.plaintext,
      vector.encrypt_key,
      Buffer.from(vector.iv_hex, 'hex'),
    );
    expect(encrypted).toBe(vector.encrypt);
  });

  it.each(decryptionCases)('should decrypt "%s" to its plaintext', (_name, vector) => {
    expect(decryptLarkPayload(vector.encrypt, vector.encrypt_key)).toBe(vector.plaintext);
  });

  it.each(signatureCases)('should compute the signature of "%s"', (_name, vector) => {
    expect(signLarkRequest(vector.timestamp, vector.nonce, vector.encrypt_key, vector.body)).toBe(
      vector.expected_signature,
    );
  });

  it('should use a fresh random IV for every message', () => {
    const first = encryptLarkPayload('{"a":1}', 'k');
    const second = encryptLarkPayload('{"a":1}', 'k');
    expect(first).not.toBe(second);
    expect(decryptLarkPayload(second, 'k')).toBe('{"a":1}');
  });

  it('should refuse to decrypt with the wrong key', () => {
    const encrypted = encryptLarkPayload('{"hello":"world"}', 'right key');
    expect(() => decryptLarkPayload(encrypted, 'wrong key')).toThrow();
  });

  it('should reject a ciphertext that is not a whole number of blocks', () => {
    expect(() => decryptLarkPayload(Buffer.alloc(20).toString('base64'), 'k')).toThrow(/multiple/);
  });
});
