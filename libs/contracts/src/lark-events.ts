/** Contact event types larksync reconciles; anything else is acknowledged and counted, never published. */
export const CONTACT_EVENT_TYPES = [
  'contact.user.created_v3',
  'contact.user.updated_v3',
  'contact.user.deleted_v3',
  'contact.department.created_v3',
  'contact.department.updated_v3',
  'contact.department.deleted_v3',
  'contact.scope.updated_v3',
] as const;

export type ContactEventType = (typeof CONTACT_EVENT_TYPES)[number];

export function isContactEventType(value: string): value is ContactEventType {
  return (CONTACT_EVENT_TYPES as readonly string[]).includes(value);
}

/**
 * How far ahead of our clock an event's createTime may be (clock skew). A later one is refused: events are ordered by
 * createTime, so one from the future would win over every real event and full sync until that time.
 */
export const MAX_CREATE_TIME_AHEAD_MS = 5 * 60_000;

export function isFromTheFuture(createTime: number, now: number): boolean {
  return createTime > now + MAX_CREATE_TIME_AHEAD_MS;
}

/**
 * A verified, decrypted Lark event in one shape for schema 2.0 and 1.0: the value of `lark.events.v1`.
 * `payload` is Lark's `event` object as delivered (for 2.0: `{ object, old_object? }`).
 */
export interface LarkEventEnvelope {
  idpId: string;
  eventId: string;
  eventType: ContactEventType;
  /** Milliseconds since the epoch, as Lark stamped the event. */
  createTime: number;
  tenantKey: string;
  appId: string;
  schema: '2.0' | '1.0';
  payload: Record<string, unknown>;
  receivedAt: string;
}
