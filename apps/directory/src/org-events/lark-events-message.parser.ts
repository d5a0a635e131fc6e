import { isContactEventType, isFromTheFuture } from '@app/contracts';
import { type ContactEvent, eventEntity, type EventEntity } from '@app/directory-domain';
import { type ConsumedMessage, PoisonMessageError } from '@app/kafka';

/** A `lark.events.v1` message, validated: the IdP, the event and the entity it is about. */
export interface IdpContactEvent extends ContactEvent {
  idpId: string;
  entity: EventEntity;
}

type Json = Record<string, unknown>;

function field(value: Json, name: string, check: (v: unknown) => boolean, expected: string): unknown {
  if (!check(value[name])) throw new PoisonMessageError(`lark event: ${name} must be ${expected}`);
  return value[name];
}

const isText = (v: unknown) => typeof v === 'string' && v.length > 0;
const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function createTimeOf(value: Json, now: number): number {
  const raw = value.createTime;
  const time = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof time !== 'number' || !Number.isSafeInteger(time) || time < 0)
    throw new PoisonMessageError('lark event: createTime must be epoch milliseconds');
  if (isFromTheFuture(time, now))
    throw new PoisonMessageError(`lark event: createTime ${new Date(time).toISOString()} is in the future`);
  return time;
}

/** Parses and validates one message; anything that can never be applied is a PoisonMessageError (dead-lettered). */
export function parseLarkEventsMessage(
  message: Pick<ConsumedMessage, 'value'>,
  now = Date.now(),
): IdpContactEvent {
  let value: unknown;
  try {
    value = JSON.parse(message.value?.toString('utf8') ?? '');
  } catch {
    throw new PoisonMessageError('lark event: value is not JSON');
  }
  if (!isObject(value)) throw new PoisonMessageError('lark event: value must be a JSON object');
  const json = value as Json;
  const eventType = field(
    json,
    'eventType',
    (v) => typeof v === 'string' && isContactEventType(v),
    'a contact event type',
  ) as ContactEvent['eventType'];
  const event: ContactEvent = {
    eventType,
    eventId: field(json, 'eventId', isText, 'a non-empty string') as string,
    createTime: createTimeOf(json, now),
    payload: field(json, 'payload', isObject, 'an object') as Json,
  };
  const idpId = field(json, 'idpId', isText, 'a non-empty string') as string;
  try {
    return { ...event, idpId, entity: eventEntity(event) };
  } catch (error) {
    throw new PoisonMessageError(`lark event ${event.eventId}: ${(error as Error).message}`);
  }
}
