import { decryptEnvelope, decryptPayload, encryptPayload } from './decrypt';
import { LarkProtocolError } from './lark-protocol.error';
import { loadLarkVectors } from './testing';

const decryptionCases = loadLarkVectors().decryption.map((vector) => [vector.name, vector] as const);
const jsonCases = decryptionCases.filter(([, vector]) => vector.plaintext.startsWith('{'));
const KEY = 'larksync-fixture-key-1';

function failureOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof LarkProtocolError) return error.reason;
    throw error;
  }
}

describe('decryptPayload', () => {
  it('should load the six reference decryption vectors', () => {
    expect(decryptionCases).toHaveLength(6);
  });

  it.each(decryptionCases)('should decrypt "%s" to its plaintext', (_name, vector) => {
    expect(decryptPayload(vector.encrypt, vector.encrypt_key)).toBe(vector.plaintext);
  });

  it.each(decryptionCases)('should reproduce the ciphertext of "%s" from its IV', (_name, vector) => {
    expect(encryptPayload(vector.plaintext, vector.encrypt_key, Buffer.from(vector.iv_hex, 'hex'))).toBe(
      vector.encrypt,
    );
  });

  const valid = encryptPayload('{"a":1}', KEY);
  it.each([
    ['bad_base64', 'not base64!'],
    ['bad_base64', valid.replace(/=+$/, '')],
    ['bad_base64', `-${valid.slice(1)}`],
    ['bad_base64', `${valid.slice(0, 8)}\n${valid.slice(8)}`],
    ['bad_length', ''],
    ['bad_length', Buffer.alloc(16).toString('base64')],
    ['bad_length', Buffer.alloc(40).toString('base64')],
  ])('should fail with %s for a malformed ciphertext', (reason, encrypt) => {
    expect(failureOf(() => decryptPayload(encrypt, KEY))).toBe(reason);
  });

  it('should fail with bad_padding or wrong_key under another key', () => {
    const reasons = new Set(
      Array.from({ length: 50 }, (_, i) =>
        failureOf(() => decryptPayload(encryptPayload(`{"n":${i}}`, KEY), 'other')),
      ),
    );
    expect([...reasons].every((reason) => reason === 'bad_padding' || reason === 'wrong_key')).toBe(true);
    expect(reasons.has('bad_padding')).toBe(true);
  });
});

describe('decryptEnvelope', () => {
  it.each(jsonCases)('should parse the JSON of "%s"', (_name, vector) => {
    expect(decryptEnvelope(vector.encrypt, vector.encrypt_key)).toEqual(JSON.parse(vector.plaintext));
  });

  it('should fail with not_json on the documented "hello world" vector', () => {
    const [, vector] = decryptionCases.find(([, v]) => v.plaintext === 'hello world')!;
    expect(failureOf(() => decryptEnvelope(vector.encrypt, vector.encrypt_key))).toBe('not_json');
  });
});
