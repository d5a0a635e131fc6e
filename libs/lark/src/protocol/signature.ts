import { createHash, timingSafeEqual } from 'node:crypto';

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** X-Lark-Signature: lowercase hex SHA-256 over UTF-8(timestamp + nonce + encryptKey) followed by the raw body bytes. */
export function computeSignature(
  rawBody: Buffer,
  timestamp: string,
  nonce: string,
  encryptKey: string,
): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey, 'utf8')
    .update(rawBody)
    .digest('hex');
}

/**
 * Checks Lark's signature over the exact bytes received (never a re-serialised body, which differs
 * as soon as Lark's JSON carries whitespace), comparing in constant time.
 */
export function verifySignature(
  rawBody: Buffer,
  timestamp: string,
  nonce: string,
  signature: string,
  encryptKey: string,
): boolean {
  if (!HEX_SHA256.test(signature)) return false;
  const expected = Buffer.from(computeSignature(rawBody, timestamp, nonce, encryptKey), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/** Lark retries an unacknowledged delivery after 15 s, 5 min, 1 h and 6 h (its documented schedule, 4 retries). */
export const LARK_RETRY_DELAYS_MS = [15_000, 5 * 60_000, 60 * 60_000, 6 * 60 * 60_000] as const;

/**
 * The oldest `X-Lark-Request-Timestamp` a receiver accepts: the whole retry schedule (7 h 5 min 15 s, in case a
 * retry carries the first attempt's timestamp) plus 10 minutes of clock skew. Replays inside it are event-id dupes.
 */
export const MAX_DELIVERY_AGE_MS = LARK_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0) + 10 * 60_000;

/** How far ahead of the receiver's clock a timestamp may be. */
export const MAX_DELIVERY_AHEAD_MS = 5 * 60_000;

/** Whether a request timestamp (seconds, as Lark sends it) is within the window at `now` (ms). */
export function isFreshTimestamp(timestamp: string, now: number, maxAgeMs = MAX_DELIVERY_AGE_MS): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  const sentAt = Number(timestamp) * 1000;
  return sentAt >= now - maxAgeMs && sentAt <= now + MAX_DELIVERY_AHEAD_MS;
}
