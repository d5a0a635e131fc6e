import { computeSignature, encryptPayload, MAX_DELIVERY_AGE_MS } from '@app/lark';
import { aChallenge, aSchema1Event, aSchema2Event } from '../../../../libs/lark/src/protocol/testing';
import { openDelivery } from './open-delivery';
import { aDelivery, signedHeaders, someSecrets } from './testing/delivery-factory';

const secrets = someSecrets();
const plainSecrets = someSecrets({ encryptKey: null });

function rejectionOf(action: () => unknown): { status: number; code: string } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    const { status, code } = error as { status: number; code: string };
    return { status, code };
  }
}

describe('openDelivery', () => {
  it('should open an encrypted, signed schema 2.0 event', () => {
    const { rawBody, headers } = aDelivery(aSchema2Event({ eventId: 'evt_1' }), secrets);
    expect(openDelivery(rawBody, headers, secrets)).toMatchObject({
      kind: 'event',
      event: { eventId: 'evt_1', schema: '2.0' },
    });
  });

  it('should open a plain event when the IdP has no Encrypt Key', () => {
    const { rawBody } = aDelivery(aSchema1Event({ uuid: 'u1' }), plainSecrets);
    expect(openDelivery(rawBody, {}, plainSecrets)).toMatchObject({
      kind: 'event',
      event: { eventId: 'u1', schema: '1.0' },
    });
  });

  it.each([
    ['encrypted and signed', secrets, {}],
    ['encrypted, without signature', secrets, { isSigned: false }],
    ['plain', plainSecrets, {}],
  ])('should answer a %s challenge', (_case, idpSecrets, options) => {
    const { rawBody, headers } = aDelivery(
      aChallenge(idpSecrets.verificationToken, 'ch-1'),
      idpSecrets,
      options,
    );
    expect(openDelivery(rawBody, headers, idpSecrets)).toEqual({ kind: 'challenge', challenge: 'ch-1' });
  });

  it('should accept a signed plain body when the IdP has an Encrypt Key', () => {
    const rawBody = Buffer.from(JSON.stringify(aSchema2Event({ eventId: 'evt_p' })));
    expect(openDelivery(rawBody, signedHeaders(rawBody, secrets.encryptKey!), secrets)).toMatchObject({
      kind: 'event',
    });
  });

  const event = aSchema2Event();
  const signed = aDelivery(event, secrets);
  it.each([
    ['a missing signature', () => openDelivery(signed.rawBody, {}, secrets), 401, 'missing_signature'],
    [
      'a missing nonce',
      () => openDelivery(signed.rawBody, { ...signed.headers, nonce: undefined }, secrets),
      401,
      'missing_signature',
    ],
    [
      'a wrong signature',
      () => openDelivery(signed.rawBody, { ...signed.headers, signature: 'f'.repeat(64) }, secrets),
      401,
      'bad_signature',
    ],
    [
      'a wrong signature on a challenge',
      () => openDelivery(aDelivery(aChallenge(), secrets).rawBody, { ...signed.headers }, secrets),
      401,
      'bad_signature',
    ],
    [
      'a body changed after signing',
      () => openDelivery(Buffer.concat([signed.rawBody, Buffer.from(' ')]), signed.headers, secrets),
      401,
      'bad_signature',
    ],
    ['a non-JSON body', () => openDelivery(Buffer.from('nope'), {}, plainSecrets), 400, 'not_json'],
    [
      'an encrypted body without a key',
      () => openDelivery(signed.rawBody, {}, plainSecrets),
      400,
      'unexpected_encryption',
    ],
    ['bad base64', () => signedCall({ encrypt: '***' }), 400, 'bad_base64'],
    [
      'a ciphertext under another key',
      () => signedCall({ encrypt: encryptPayload('{"a":1}', 'other-key-x') }),
      400,
      expect.stringMatching(/bad_padding|wrong_key/),
    ],
    [
      'a non-JSON plaintext',
      () => signedCall({ encrypt: encryptPayload('hello world', secrets.encryptKey!) }),
      400,
      'not_json',
    ],
    [
      'a malformed event',
      () => signedCall({ encrypt: encryptPayload('{"schema":"2.0"}', secrets.encryptKey!) }),
      400,
      'malformed_event',
    ],
    ['a wrong token', () => call(aSchema2Event({ token: 'other' })), 401, 'bad_token'],
    ['a missing token', () => call({ ...aSchema1Event(), token: undefined }), 401, 'bad_token'],
    ['a challenge with a wrong token', () => call(aChallenge('other')), 401, 'bad_token'],
    ["another app's event", () => call(aSchema2Event({ appId: 'cli_other' })), 403, 'app_mismatch'],
    [
      "another tenant's event",
      () => call(aSchema2Event({ tenantKey: 't2' }), { tenantKey: 't1' }),
      403,
      'tenant_mismatch',
    ],
  ])('should refuse %s', (_case, action, status, code) => {
    expect(rejectionOf(action)).toEqual({ status, code });
  });

  it('should refuse a large unsigned body for an IdP with an Encrypt Key before parsing or decrypting it', () => {
    const large = Buffer.from(`{"encrypt":"${'A'.repeat(1024 * 1024)}`); // not even JSON: never parsed
    expect(rejectionOf(() => openDelivery(large, {}, secrets))).toEqual({
      status: 401,
      code: 'missing_signature',
    });
    const challenge = aDelivery(aChallenge(), secrets);
    expect(openDelivery(challenge.rawBody, {}, secrets)).toMatchObject({ kind: 'challenge' });
  });

  describe('the signed timestamp', () => {
    const sentAt = signed.headers.timestamp!;
    const at = (offsetMs: number) => ({ now: Number(sentAt) * 1000 + offsetMs });
    const open = (offsetMs: number) => () =>
      openDelivery(signed.rawBody, signed.headers, secrets, at(offsetMs));

    it.each([
      ['at once', 0],
      ["at Lark's last retry, 7 h 5 min 15 s later", MAX_DELIVERY_AGE_MS - 10 * 60_000],
      ['at the edge of the window', MAX_DELIVERY_AGE_MS],
      ['from a clock up to 5 minutes ahead of ours', -5 * 60_000],
    ])('should be accepted %s', (_case, offsetMs) => {
      expect(open(offsetMs)()).toMatchObject({ kind: 'event' });
    });

    it.each([
      ['older than the whole retry schedule and its skew', MAX_DELIVERY_AGE_MS + 1_000],
      ['more than 5 minutes ahead of our clock', -5 * 60_000 - 1_000],
    ])('should be refused when %s', (_case, offsetMs) => {
      expect(rejectionOf(open(offsetMs))).toEqual({ status: 401, code: 'stale_timestamp' });
    });

    it('should be refused when it is not a number of seconds, even with a valid signature over it', () => {
      const rawBody = signed.rawBody;
      const timestamp = 'soon';
      const headers = {
        timestamp,
        nonce: 'n',
        signature: computeSignature(rawBody, timestamp, 'n', secrets.encryptKey!),
      };
      expect(rejectionOf(() => openDelivery(rawBody, headers, secrets))).toEqual({
        status: 401,
        code: 'stale_timestamp',
      });
    });
  });
});

function signedCall(body: unknown) {
  const rawBody = Buffer.from(JSON.stringify(body));
  return openDelivery(rawBody, signedHeaders(rawBody, secrets.encryptKey!), secrets);
}

function call(payload: unknown, overrides = {}) {
  const idpSecrets = someSecrets(overrides);
  const { rawBody, headers } = aDelivery(payload, idpSecrets);
  return openDelivery(rawBody, headers, idpSecrets);
}
