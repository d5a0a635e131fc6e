import { createHash, timingSafeEqual } from 'node:crypto';
import {
  decryptEnvelope,
  encryptedField,
  isFreshTimestamp,
  LarkProtocolError,
  parseWebhookBody,
  LarkWebhookEvent,
  verifySignature,
} from '@app/lark';
import { rejections, WebhookRejection } from './webhook-rejection';

export interface SignatureHeaders {
  timestamp?: string;
  nonce?: string;
  signature?: string;
}

export interface DeliverySecrets {
  appId: string;
  encryptKey: string | null;
  verificationToken: string;
  tenantKey: string | null;
}

/** When the delivery arrived (ms) and the oldest signed timestamp accepted. */
export interface DeliveryClock {
  now: number;
  maxAgeMs?: number;
}

/**
 * With an Encrypt Key only the URL-verification challenge comes unsigned, and it is a few hundred bytes: a larger
 * unsigned body is refused before it is parsed or decrypted.
 */
export const MAX_UNSIGNED_BODY_BYTES = 4096;

export type OpenedDelivery =
  { kind: 'challenge'; challenge: string } | { kind: 'event'; event: LarkWebhookEvent };

/**
 * Turns a raw delivery into a trusted challenge or event, or throws a WebhookRejection: signature
 * over the raw bytes (when the IdP has an Encrypt Key), decryption, Verification Token, app and tenant.
 * The challenge needs no signature (Lark's docs exclude it); a present but wrong signature is always refused.
 */
export function openDelivery(
  rawBody: Buffer,
  headers: SignatureHeaders,
  secrets: DeliverySecrets,
  clock: DeliveryClock = { now: Date.now() },
): OpenedDelivery {
  const isSigned = checkSignature(rawBody, headers, secrets.encryptKey, clock);
  if (secrets.encryptKey && !isSigned && rawBody.length > MAX_UNSIGNED_BODY_BYTES)
    throw rejections.missingSignature();
  const message = readMessage(rawBody, secrets.encryptKey);
  if (message.kind === 'url_verification') {
    if (!tokenMatches(message.token, secrets.verificationToken)) throw rejections.badToken();
    return { kind: 'challenge', challenge: message.challenge };
  }
  if (secrets.encryptKey && !isSigned) throw rejections.missingSignature();
  if (!tokenMatches(message.token, secrets.verificationToken)) throw rejections.badToken();
  if (message.appId !== secrets.appId) throw rejections.appMismatch();
  if (secrets.tenantKey && message.tenantKey && message.tenantKey !== secrets.tenantKey)
    throw rejections.tenantMismatch();
  return { kind: 'event', event: message };
}

/** True when validly signed, false when unsigned; throws when signed wrongly. */
function checkSignature(
  rawBody: Buffer,
  { timestamp, nonce, signature }: SignatureHeaders,
  encryptKey: string | null,
  clock: DeliveryClock,
): boolean {
  if (!encryptKey) return false;
  if (timestamp === undefined || nonce === undefined || signature === undefined) return false;
  if (!verifySignature(rawBody, timestamp, nonce, signature, encryptKey)) throw rejections.badSignature();
  // checked once signed, so a count of stale deliveries is of genuine ones (retries past the window, or replays)
  if (!isFreshTimestamp(timestamp, clock.now, clock.maxAgeMs)) throw rejections.staleTimestamp();
  return true;
}

function readMessage(rawBody: Buffer, encryptKey: string | null) {
  try {
    const body = parseJson(rawBody);
    const encrypt = encryptedField(body);
    if (encrypt === undefined) return parseWebhookBody(body);
    if (!encryptKey) throw rejections.unexpectedEncryption();
    return parseWebhookBody(decryptEnvelope(encrypt, encryptKey));
  } catch (error) {
    if (error instanceof LarkProtocolError) throw new WebhookRejection(400, error.reason, error.message);
    throw error;
  }
}

function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw rejections.notJson();
  }
}

function tokenMatches(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(received), digest(expected));
}
