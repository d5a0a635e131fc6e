import { ContactEventType, isContactEventType, LarkEventEnvelope } from '@app/contracts';
import { LarkWebhookEvent } from './webhook-body.parser';

/** Schema 1.0 names of the contact events, mapped to their 2.0 equivalent; `schema` tells the payload shape apart. */
const LEGACY_CONTACT_TYPES: Record<string, ContactEventType> = {
  user_add: 'contact.user.created_v3',
  user_update: 'contact.user.updated_v3',
  user_status_change: 'contact.user.updated_v3',
  user_leave: 'contact.user.deleted_v3',
  dept_add: 'contact.department.created_v3',
  dept_update: 'contact.department.updated_v3',
  dept_delete: 'contact.department.deleted_v3',
  contact_scope_change: 'contact.scope.updated_v3',
};

/** The contact event type larksync handles, or undefined for any other event (acknowledged, not published). */
export function contactEventType(
  event: Pick<LarkWebhookEvent, 'schema' | 'eventType'>,
): ContactEventType | undefined {
  if (event.schema === '1.0') return LEGACY_CONTACT_TYPES[event.eventType];
  return isContactEventType(event.eventType) ? event.eventType : undefined;
}

/** One envelope for schema 2.0 and 1.0; undefined when larksync does not handle the event type. */
export function normaliseEvent(
  idpId: string,
  event: LarkWebhookEvent,
  receivedAt: Date,
): LarkEventEnvelope | undefined {
  const eventType = contactEventType(event);
  if (!eventType) return undefined;
  return {
    idpId,
    eventId: event.eventId,
    eventType,
    createTime: event.createTime,
    tenantKey: event.tenantKey,
    appId: event.appId,
    schema: event.schema,
    payload: event.payload,
    receivedAt: receivedAt.toISOString(),
  };
}

/**
 * The entity an event is about, for the message key (order per entity): a user's open_id or a
 * department's open_department_id; scope changes share one key per IdP. Falls back to the event id
 * so an event without the id is still delivered (the directory dead-letters it with a reason).
 */
export function eventEntityId(
  envelope: Pick<LarkEventEnvelope, 'eventType' | 'schema' | 'payload' | 'eventId'>,
): string {
  if (envelope.eventType === 'contact.scope.updated_v3') return 'scope';
  const field = envelope.eventType.startsWith('contact.user.') ? 'open_id' : 'open_department_id';
  const source =
    envelope.schema === '1.0'
      ? envelope.payload
      : (objectOf(envelope.payload.object) ?? objectOf(envelope.payload.old_object));
  const id = source?.[field] ?? objectOf(envelope.payload.old_object)?.[field];
  return typeof id === 'string' && id.length > 0 ? id : `event:${envelope.eventId}`;
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
