import { randomBytes, randomUUID } from 'node:crypto';
import { ContactEvent, ContactEventType } from './contact-event-objects';
import { encryptLarkPayload, signLarkRequest } from './lark-crypto';
import { SimAppConfig } from './sim-apps';

export interface EventEnvelope {
  eventId: string;
  eventType: string;
  appId: string;
  payload: Record<string, unknown>;
}

const LEGACY_TYPES: Record<ContactEventType, string> = {
  'contact.user.created_v3': 'user_add',
  'contact.user.updated_v3': 'user_update',
  'contact.user.deleted_v3': 'user_leave',
  'contact.department.created_v3': 'dept_add',
  'contact.department.updated_v3': 'dept_update',
  'contact.department.deleted_v3': 'dept_delete',
  'contact.scope.updated_v3': 'contact_scope_change',
};

/** Schema 2.0 header keys in the order Lark sends them (see the reference vectors). */
export function envelopeFor(
  app: SimAppConfig,
  tenantKey: string,
  event: ContactEvent,
  nowMs: number,
): EventEnvelope {
  const eventId = randomBytes(16).toString('hex');
  if (app.eventSchema === '1.0') return legacyEnvelope(app, tenantKey, event, nowMs, eventId);
  const header = {
    event_id: eventId,
    token: app.verificationToken,
    create_time: String(nowMs),
    event_type: event.eventType,
    tenant_key: tenantKey,
    app_id: app.appId,
  };
  return {
    eventId,
    eventType: event.eventType,
    appId: app.appId,
    payload: { schema: '2.0', header, event: event.event },
  };
}

/** Schema 1.0 carries ids only; the receiver has to fetch the rest. */
function legacyEnvelope(
  app: SimAppConfig,
  tenantKey: string,
  event: ContactEvent,
  nowMs: number,
  uuid: string,
): EventEnvelope {
  const object = (event.event.object ?? {}) as Record<string, unknown>;
  const type = LEGACY_TYPES[event.eventType];
  const ids = type.startsWith('dept')
    ? { open_department_id: object.open_department_id }
    : type.startsWith('user')
      ? { open_id: object.open_id, employee_id: object.user_id, union_id: object.union_id }
      : {};
  const payload = {
    uuid,
    ts: (nowMs / 1000).toFixed(6),
    token: app.verificationToken,
    type: 'event_callback',
    event: { type, app_id: app.appId, tenant_key: tenantKey, ...ids },
  };
  return { eventId: uuid, eventType: type, appId: app.appId, payload };
}

export function challengePayload(app: SimAppConfig): Record<string, unknown> {
  return { challenge: randomUUID(), token: app.verificationToken, type: 'url_verification' };
}

/** Body and headers as Lark puts them on the wire: encrypted and signed when the app has an Encrypt Key. */
export function wireRequest(
  app: SimAppConfig,
  payload: unknown,
  nowMs: number,
): { body: string; headers: Record<string, string> } {
  const plain = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'x-request-id': randomUUID(),
  };
  if (!app.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: encryptLarkPayload(plain, app.encryptKey) });
  const timestamp = Math.floor(nowMs / 1000).toString();
  const nonce = randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      ...headers,
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signLarkRequest(timestamp, nonce, app.encryptKey, body),
    },
  };
}
