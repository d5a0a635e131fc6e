import { LarkEventEnvelope } from '@app/contracts';
import { eventEntityId, normaliseEvent } from './normalise-event';
import { parseWebhookBody, LarkWebhookEvent } from './webhook-body.parser';
import { aSchema1Event, aSchema2Event } from './testing';

const RECEIVED_AT = new Date('2025-01-02T03:04:05.000Z');
const parsed = (body: Record<string, unknown>) => parseWebhookBody(body) as LarkWebhookEvent;
const normalised = (body: Record<string, unknown>) =>
  normaliseEvent('idp-1', parsed(body), RECEIVED_AT) as LarkEventEnvelope;

describe('normaliseEvent', () => {
  it('should carry a schema 2.0 event into the envelope', () => {
    const body = aSchema2Event({
      eventId: 'evt_1',
      eventType: 'contact.department.created_v3',
      event: { object: { open_department_id: 'od-1' } },
    });
    expect(normalised(body)).toEqual({
      idpId: 'idp-1',
      eventId: 'evt_1',
      eventType: 'contact.department.created_v3',
      createTime: 1718000000123,
      tenantKey: 'tenant_factory',
      appId: 'cli_factory0000000',
      schema: '2.0',
      payload: { object: { open_department_id: 'od-1' } },
      receivedAt: '2025-01-02T03:04:05.000Z',
    });
  });

  it.each([
    ['user_add', 'contact.user.created_v3'],
    ['user_update', 'contact.user.updated_v3'],
    ['user_status_change', 'contact.user.updated_v3'],
    ['user_leave', 'contact.user.deleted_v3'],
    ['dept_add', 'contact.department.created_v3'],
    ['dept_update', 'contact.department.updated_v3'],
    ['dept_delete', 'contact.department.deleted_v3'],
    ['contact_scope_change', 'contact.scope.updated_v3'],
  ])('should map the schema 1.0 type %s to %s', (legacy, eventType) => {
    expect(normalised(aSchema1Event({ type: legacy, uuid: 'u-1' }))).toMatchObject({
      eventType,
      schema: '1.0',
      eventId: 'u-1',
      createTime: 1718000300123,
    });
  });

  it.each([
    ['im.message.receive_v1', aSchema2Event({ eventType: 'im.message.receive_v1' })],
    ['contact.user_group.created_v3', aSchema2Event({ eventType: 'contact.user_group.created_v3' })],
    ['legacy app_open', aSchema1Event({ type: 'app_open' })],
  ])('should return undefined for the unsupported type %s', (_type, body) => {
    expect(normaliseEvent('idp-1', parsed(body), RECEIVED_AT)).toBeUndefined();
  });
});

describe('eventEntityId', () => {
  it.each([
    [
      'a 2.0 user event',
      aSchema2Event({ eventType: 'contact.user.deleted_v3', event: { object: { open_id: 'ou_1' } } }),
      'ou_1',
    ],
    [
      'a 2.0 user event with only old_object',
      aSchema2Event({ eventType: 'contact.user.deleted_v3', event: { old_object: { open_id: 'ou_2' } } }),
      'ou_2',
    ],
    [
      'a 2.0 department event',
      aSchema2Event({
        eventType: 'contact.department.updated_v3',
        event: { object: { open_department_id: 'od-1' } },
      }),
      'od-1',
    ],
    [
      'a 2.0 scope event',
      aSchema2Event({ eventType: 'contact.scope.updated_v3', event: { added: {}, removed: {} } }),
      'scope',
    ],
    ['a 1.0 user event', aSchema1Event({ type: 'user_update', ids: { open_id: 'ou_3' } }), 'ou_3'],
    [
      'a 1.0 department event',
      aSchema1Event({ type: 'dept_delete', ids: { open_department_id: 'od-2' } }),
      'od-2',
    ],
    [
      'a user event without open_id',
      aSchema2Event({ eventId: 'evt_x', eventType: 'contact.user.created_v3', event: { object: {} } }),
      'event:evt_x',
    ],
  ])('should key %s', (_case, body, expected) => {
    expect(eventEntityId(normalised(body))).toBe(expected);
  });
});
