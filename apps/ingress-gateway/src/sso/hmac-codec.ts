import { createHmac, timingSafeEqual } from 'node:crypto';

export function toBase64Url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

export function hmacBase64Url(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

/** Constant-time check of a base64url HMAC-SHA256 over `data`. */
export function isValidMac(key: Buffer, data: string, mac: string): boolean {
  const expected = createHmac('sha256', key).update(data).digest();
  const given = Buffer.from(mac, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** JSON object from base64url, or undefined when it is not one. */
export function parseBase64UrlJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
