import { decryptEnvelope } from './decrypt';
import { LarkProtocolError } from './lark-protocol.error';
import { encryptedField, parseWebhookBody } from './webhook-body.parser';
import { aChallenge, aSchema1Event, aSchema2Event, loadLarkVectors } from './testing';

const vectors = loadLarkVectors().decryption;
const byName = (fragment: string) => vectors.find((vector) => vector.name.includes(fragment))!;

describe('parseWebhookBody', () => {
  it('should read the encrypted challenge vector as url_verification', () => {
    const vector = byName('url_verification');
    expect(parseWebhookBody(decryptEnvelope(vector.encrypt, vector.encrypt_key))).toEqual({
      kind: 'url_verification',
      challenge: 'c7b1e0a4-5d2f-4e8b-9a61-0f3d2c1b4a59',
      token: 'vt_LarkSyncFixtureToken0001',
    });
  });

  it('should read the schema 2.0 user.deleted vector', () => {
    const vector = byName('contact.user.deleted_v3');
    expect(parseWebhookBody(decryptEnvelope(vector.encrypt, vector.encrypt_key))).toMatchObject({
      kind: 'event',
      schema: '2.0',
      eventId: 'evt_6b0f3c2e9d8a4f71b5e2a3c4d5e6f708',
      eventType: 'contact.user.deleted_v3',
      createTime: 1718000000123,
      token: 'vt_LarkSyncFixtureToken0001',
      appId: 'cli_a1b2c3d4e5f60718',
      tenantKey: 'tenant_0f1e2d3c4b5a',
    });
  });

  it('should read the schema 1.0 user_leave vector with ts in seconds turned into milliseconds', () => {
    const vector = byName('schema 1.0');
    expect(parseWebhookBody(decryptEnvelope(vector.encrypt, vector.encrypt_key))).toMatchObject({
      kind: 'event',
      schema: '1.0',
      eventId: '41b1c3a0d2e94f5a8b7c6d5e4f3a2b1c',
      eventType: 'user_leave',
      createTime: 1718000300123,
      token: 'vt_LarkSyncFixtureToken0002',
      appId: 'cli_a1b2c3d4e5f60718',
      payload: expect.objectContaining({ open_id: 'ou_3c4d5e6f708192a3b4c5d6e7f8011223' }),
    });
  });

  it.each([
    ['milliseconds', '1718000000123', 1718000000123],
    ['microseconds', '1718000000123456', 1718000000123],
    ['a number', 1718000000123, 1718000000123],
  ])('should read create_time given in %s', (_unit, createTime, expected) => {
    const body = aSchema2Event();
    (body.header as Record<string, unknown>).create_time = createTime;
    expect(parseWebhookBody(body)).toMatchObject({ createTime: expected });
  });

  it('should read a plain challenge', () => {
    expect(parseWebhookBody(aChallenge('tok', 'abc'))).toEqual({
      kind: 'url_verification',
      challenge: 'abc',
      token: 'tok',
    });
  });

  it('should read a schema 1.0 event from the factory', () => {
    expect(parseWebhookBody(aSchema1Event({ type: 'dept_add' }))).toMatchObject({
      schema: '1.0',
      eventType: 'dept_add',
    });
  });

  const withHeader = (change: Record<string, unknown>) => {
    const body = aSchema2Event();
    return { ...body, header: { ...(body.header as object), ...change } };
  };
  it.each([
    ['null', null],
    ['an array', [1]],
    ['a string', 'x'],
    ['an empty object', {}],
    ['a challenge without challenge', { type: 'url_verification', token: 't' }],
    ['schema 3.0', { ...aSchema2Event(), schema: '3.0' }],
    ['a 2.0 event without header', { schema: '2.0', event: {} }],
    ['a 2.0 event without event', { schema: '2.0', header: aSchema2Event().header }],
    ['an empty event_id', withHeader({ event_id: '' })],
    ['a numeric event_type', withHeader({ event_type: 7 })],
    ['a missing app_id', withHeader({ app_id: undefined })],
    ['a non-numeric create_time', withHeader({ create_time: 'yesterday' })],
    ['a numeric token', withHeader({ token: 12 })],
    ['a 1.0 event without event', { uuid: 'u', ts: '1', token: 't' }],
    ['a 1.0 event with a negative ts', { ...aSchema1Event(), ts: '-5' }],
  ])('should reject %s as malformed_event', (_case, body) => {
    expect(() => parseWebhookBody(body)).toThrow(
      expect.objectContaining({ reason: 'malformed_event' }) as LarkProtocolError,
    );
  });
});

describe('encryptedField', () => {
  it.each([
    ['an encrypted body', { encrypt: 'abc' }, 'abc'],
    ['a plain event', aSchema2Event(), undefined],
    ['a non-object', 'text', undefined],
  ])('should read %s', (_case, body, expected) => {
    expect(encryptedField(body)).toBe(expected);
  });

  it('should reject a non-string encrypt field', () => {
    expect(() => encryptedField({ encrypt: 5 })).toThrow(LarkProtocolError);
  });
});
