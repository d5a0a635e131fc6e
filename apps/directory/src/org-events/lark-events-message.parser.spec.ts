import { PoisonMessageError } from '@app/kafka';
import { aLarkEvent, departmentObject } from '../testing/lark-event-factories';
import { parseLarkEventsMessage } from './lark-events-message.parser';

const valid = aLarkEvent('idp-1', 'contact.department.created_v3', 1700000000000, {
  object: departmentObject({ id: 'od-1' }),
});
const message = (value: unknown) => ({
  value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
});

describe('parseLarkEventsMessage', () => {
  it('should parse a valid envelope and name its entity', () => {
    expect(parseLarkEventsMessage(message(valid))).toMatchObject({
      idpId: 'idp-1',
      eventId: valid.eventId,
      entity: { kind: 'department', id: 'od-1' },
    });
  });

  it('should accept createTime as a decimal string', () => {
    expect(parseLarkEventsMessage(message({ ...valid, createTime: '1700000000001' })).createTime).toBe(
      1700000000001,
    );
  });

  it('should reject an event stamped more than 5 minutes ahead of the clock, and accept one within the skew', () => {
    const now = 1_700_000_000_000;
    expect(() =>
      parseLarkEventsMessage(message({ ...valid, createTime: now + 5 * 60_000 + 1 }), now),
    ).toThrow(new PoisonMessageError('lark event: createTime 2023-11-14T22:18:20.001Z is in the future'));
    expect(parseLarkEventsMessage(message({ ...valid, createTime: now + 5 * 60_000 }), now).createTime).toBe(
      now + 5 * 60_000,
    );
  });

  it.each([
    ['not JSON', 'not json', /not JSON/],
    ['an array', [], /JSON object/],
    ['an unknown event type', { ...valid, eventType: 'im.message.receive_v1' }, /eventType/],
    ['no event id', { ...valid, eventId: '' }, /eventId/],
    ['a bad createTime', { ...valid, createTime: 'yesterday' }, /createTime/],
    ['no payload', { ...valid, payload: null }, /payload/],
    ['no idpId', { ...valid, idpId: undefined }, /idpId/],
    ['no object', { ...valid, payload: {} }, /object/],
    ['an object without id', { ...valid, payload: { object: { name: 'x' } } }, /open_department_id/],
  ])('should reject %s as a poison message', (_case, value, reason) => {
    const error = (() => {
      try {
        parseLarkEventsMessage(message(value));
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(PoisonMessageError);
    expect((error as PoisonMessageError).reason).toMatch(reason);
  });
});
