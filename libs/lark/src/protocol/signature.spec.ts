import { computeSignature, verifySignature } from './signature';
import { loadLarkVectors } from './testing';

const signatureCases = loadLarkVectors().signatures.map((vector) => [vector.name, vector] as const);

describe('verifySignature', () => {
  it('should load the four reference signature vectors', () => {
    expect(signatureCases).toHaveLength(4);
  });

  it.each(signatureCases)('should accept the reference vector "%s"', (_name, vector) => {
    const raw = Buffer.from(vector.body, 'utf8');
    expect(
      verifySignature(raw, vector.timestamp, vector.nonce, vector.expected_signature, vector.encrypt_key),
    ).toBe(true);
  });

  it('should accept the whitespace vector the Node SDK rejects, because it hashes the raw bytes', () => {
    const vector = signatureCases.map(([, v]) => v).find((v) => !v.node_sdk_check_agrees)!;
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(vector.body)));
    expect(
      verifySignature(
        Buffer.from(vector.body),
        vector.timestamp,
        vector.nonce,
        vector.expected_signature,
        vector.encrypt_key,
      ),
    ).toBe(true);
    expect(
      verifySignature(
        reserialised,
        vector.timestamp,
        vector.nonce,
        vector.expected_signature,
        vector.encrypt_key,
      ),
    ).toBe(false);
  });

  it.each(signatureCases)('should accept "%s" with an upper-case hex signature', (_name, vector) => {
    const raw = Buffer.from(vector.body);
    expect(
      verifySignature(
        raw,
        vector.timestamp,
        vector.nonce,
        vector.expected_signature.toUpperCase(),
        vector.encrypt_key,
      ),
    ).toBe(true);
  });

  const [, base] = signatureCases[0];
  it.each([
    ['another key', { encrypt_key: `${base.encrypt_key}x` }],
    ['another timestamp', { timestamp: `${Number(base.timestamp) + 1}` }],
    ['another nonce', { nonce: `${base.nonce}0` }],
    ['another body', { body: `${base.body} ` }],
    ['an empty signature', { expected_signature: '' }],
    ['a truncated signature', { expected_signature: base.expected_signature.slice(0, 63) }],
    ['a non-hex signature', { expected_signature: 'z'.repeat(64) }],
    [
      'a base64 signature',
      { expected_signature: Buffer.from(base.expected_signature, 'hex').toString('base64') },
    ],
  ])('should reject %s', (_case, change) => {
    const v = { ...base, ...change };
    expect(
      verifySignature(Buffer.from(v.body), v.timestamp, v.nonce, v.expected_signature, v.encrypt_key),
    ).toBe(false);
  });

  it('should compute lowercase hex', () => {
    expect(computeSignature(Buffer.from('{}'), '1', 'n', 'k')).toMatch(/^[0-9a-f]{64}$/);
  });
});
