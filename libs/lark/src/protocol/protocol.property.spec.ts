import fc from 'fast-check';
import { decryptEnvelope, encryptPayload } from './decrypt';
import { LarkProtocolError } from './lark-protocol.error';
import { encryptedField, parseWebhookBody } from './webhook-body.parser';
import { computeSignature, verifySignature } from './signature';

/** Runs `action`; fails the property on any throw other than a LarkProtocolError. */
function onlyTypedErrors(action: () => unknown): boolean {
  try {
    action();
  } catch (error) {
    if (!(error instanceof LarkProtocolError)) throw error;
  }
  return true;
}

const key = fc.string({ minLength: 1, maxLength: 40 });
const jsonText = fc.json({ maxDepth: 3 });

describe('protocol properties', () => {
  it('should round-trip any JSON text through encrypt and decryptEnvelope', () => {
    fc.assert(
      fc.property(jsonText, key, (text, encryptKey) => {
        expect(decryptEnvelope(encryptPayload(text, encryptKey), encryptKey)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('should throw only typed errors when decrypting random strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), key, (encrypt, encryptKey) =>
        onlyTypedErrors(() => decryptEnvelope(encrypt, encryptKey)),
      ),
    );
  });

  it('should throw only typed errors when decrypting random base64 of any length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), key, (bytes, encryptKey) =>
        onlyTypedErrors(() => decryptEnvelope(Buffer.from(bytes).toString('base64'), encryptKey)),
      ),
    );
  });

  it('should never return the original plaintext from a mutated ciphertext block', () => {
    fc.assert(
      fc.property(
        jsonText,
        key,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (text, encryptKey, position, flip) => {
          const bytes = Buffer.from(encryptPayload(text, encryptKey), 'base64');
          const index = 16 + (position % (bytes.length - 16));
          bytes[index] ^= flip;
          const outcome = attempt(() => decryptEnvelope(bytes.toString('base64'), encryptKey));
          expect(outcome).not.toEqual({ value: JSON.parse(text) });
        },
      ),
    );
  });

  it('should reject under any other key, or at least not yield the plaintext', () => {
    fc.assert(
      fc.property(jsonText, key, key, (text, encryptKey, otherKey) => {
        fc.pre(encryptKey !== otherKey);
        const outcome = attempt(() => decryptEnvelope(encryptPayload(text, encryptKey), otherKey));
        expect(outcome).not.toEqual({ value: JSON.parse(text) });
      }),
    );
  });

  it('should reject every single-character mutation of a valid signature', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.string(),
        fc.string(),
        key,
        fc.nat(63),
        fc.constantFrom(...'0123456789abcdef'),
        (raw, ts, nonce, encryptKey, at, digit) => {
          const body = Buffer.from(raw);
          const signature = computeSignature(body, ts, nonce, encryptKey);
          fc.pre(signature[at] !== digit);
          const mutated = signature.slice(0, at) + digit + signature.slice(at + 1);
          expect(verifySignature(body, ts, nonce, signature, encryptKey)).toBe(true);
          expect(verifySignature(body, ts, nonce, mutated, encryptKey)).toBe(false);
        },
      ),
    );
  });

  it('should reject a valid signature once any body byte changes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 500 }),
        key,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (raw, encryptKey, position, flip) => {
          const body = Buffer.from(raw);
          const signature = computeSignature(body, '1718000000', 'nonce', encryptKey);
          body[position % body.length] ^= flip;
          expect(verifySignature(body, '1718000000', 'nonce', signature, encryptKey)).toBe(false);
        },
      ),
    );
  });

  it('should never throw from verifySignature, whatever the inputs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 100 }),
        fc.string(),
        fc.string(),
        fc.string({ maxLength: 80 }),
        fc.string(),
        (raw, ts, nonce, signature, encryptKey) => {
          expect(typeof verifySignature(Buffer.from(raw), ts, nonce, signature, encryptKey)).toBe('boolean');
        },
      ),
    );
  });

  it('should throw only typed errors when parsing any JSON value', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        (value) =>
          onlyTypedErrors(() => parseWebhookBody(value)) && onlyTypedErrors(() => encryptedField(value)),
      ),
    );
  });

  it('should throw only typed errors when parsing mutated event shapes', () => {
    const anything = fc.oneof(fc.jsonValue(), fc.constant(undefined));
    const header = fc.record(
      {
        event_id: anything,
        event_type: anything,
        create_time: anything,
        token: anything,
        app_id: anything,
        tenant_key: anything,
      },
      { requiredKeys: [] },
    );
    const schema2 = fc.record(
      { schema: fc.oneof(fc.constant('2.0'), anything), header: fc.oneof(header, anything), event: anything },
      { requiredKeys: [] },
    );
    const schema1 = fc.record(
      {
        uuid: anything,
        ts: anything,
        token: anything,
        type: anything,
        event: fc.oneof(fc.record({ type: anything, app_id: anything }), anything),
      },
      { requiredKeys: [] },
    );
    const challenge = fc.record(
      { type: fc.constant('url_verification'), challenge: anything, token: anything },
      { requiredKeys: ['type'] },
    );
    fc.assert(
      fc.property(fc.oneof(schema2, schema1, challenge), (body) =>
        onlyTypedErrors(() => parseWebhookBody(body)),
      ),
    );
  });
});

function attempt(action: () => unknown): { value: unknown } | { error: string } {
  try {
    return { value: action() };
  } catch (error) {
    if (error instanceof LarkProtocolError) return { error: error.reason };
    throw error;
  }
}
