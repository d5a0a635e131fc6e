import { LarkProtocolError } from './lark-protocol.error';

/** The handshake Lark runs when a Request URL is saved; answered with `{ challenge }`. */
export interface UrlVerification {
  kind: 'url_verification';
  challenge: string;
  token: string | undefined;
}

/** A schema 2.0 or 1.0 event callback, fields lifted out of their schema-specific places. */
export interface LarkWebhookEvent {
  kind: 'event';
  schema: '2.0' | '1.0';
  eventId: string;
  /** As Lark named it: `contact.user.deleted_v3`, or `user_leave` in schema 1.0. */
  eventType: string;
  /** Milliseconds since the epoch. */
  createTime: number;
  token: string | undefined;
  appId: string;
  tenantKey: string;
  payload: Record<string, unknown>;
}

export type LarkWebhookBody = UrlVerification | LarkWebhookEvent;

type Json = Record<string, unknown>;

/** Returns the `encrypt` field of an encrypted delivery, or undefined for a plain one. */
export function encryptedField(body: unknown): string | undefined {
  if (!isObject(body) || !('encrypt' in body)) return undefined;
  if (typeof body.encrypt !== 'string') throw malformed('encrypt must be a string');
  return body.encrypt;
}

/** Tells the URL-verification handshake from schema 2.0 (`schema`) and 1.0 (`uuid`) events. */
export function parseWebhookBody(json: unknown): LarkWebhookBody {
  if (!isObject(json)) throw malformed('body is not a JSON object');
  if (json.type === 'url_verification') return parseChallenge(json);
  if ('schema' in json) return parseSchema2(json);
  if ('uuid' in json) return parseSchema1(json);
  throw malformed('neither a url_verification, a schema 2.0 nor a schema 1.0 event');
}

function parseChallenge(json: Json): UrlVerification {
  return {
    kind: 'url_verification',
    challenge: requireText(json, 'challenge'),
    token: optionalText(json, 'token'),
  };
}

function parseSchema2(json: Json): LarkWebhookEvent {
  if (json.schema !== '2.0') throw malformed(`unsupported schema ${JSON.stringify(json.schema)}`);
  const header = requireObject(json, 'header');
  return {
    kind: 'event',
    schema: '2.0',
    eventId: requireText(header, 'event_id'),
    eventType: requireText(header, 'event_type'),
    createTime: millisFromCreateTime(header.create_time),
    token: optionalText(header, 'token'),
    appId: requireText(header, 'app_id'),
    tenantKey: optionalText(header, 'tenant_key') ?? '',
    payload: requireObject(json, 'event'),
  };
}

function parseSchema1(json: Json): LarkWebhookEvent {
  const event = requireObject(json, 'event');
  return {
    kind: 'event',
    schema: '1.0',
    eventId: requireText(json, 'uuid'),
    eventType: requireText(event, 'type'),
    createTime: millisFromSeconds(json.ts),
    token: optionalText(json, 'token'),
    appId: requireText(event, 'app_id'),
    tenantKey: optionalText(event, 'tenant_key') ?? '',
    payload: event,
  };
}

// Documented as milliseconds, but one doc example has 16 digits (microseconds): accept both.
function millisFromCreateTime(value: unknown): number {
  const number = toNumber(value, 'header.create_time');
  return number >= 1e14 ? Math.floor(number / 1000) : number;
}

function millisFromSeconds(value: unknown): number {
  return Math.round(toNumber(value, 'ts') * 1000);
}

function toNumber(value: unknown, field: string): number {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(number)) throw malformed(`${field} is not a timestamp`);
  return number;
}

function requireText(json: Json, field: string): string {
  const value = json[field];
  if (typeof value !== 'string' || value.length === 0) throw malformed(`${field} must be a non-empty string`);
  return value;
}

function optionalText(json: Json, field: string): string | undefined {
  const value = json[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw malformed(`${field} must be a string`);
  return value;
}

function requireObject(json: Json, field: string): Json {
  const value = json[field];
  if (!isObject(value)) throw malformed(`${field} must be an object`);
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(message: string): LarkProtocolError {
  return new LarkProtocolError('malformed_event', message);
}
