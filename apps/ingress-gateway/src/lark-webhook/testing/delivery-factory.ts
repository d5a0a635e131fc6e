import { randomBytes } from 'node:crypto';
import { computeSignature, encryptPayload } from '@app/lark';
import { DeliverySecrets, SignatureHeaders } from '../open-delivery';

export function someSecrets(overrides: Partial<DeliverySecrets> = {}): DeliverySecrets {
  return {
    appId: 'cli_factory0000000',
    encryptKey: 'gateway-test-key',
    verificationToken: 'vt_factory_token',
    tenantKey: null,
    ...overrides,
  };
}

export interface WireDelivery {
  rawBody: Buffer;
  headers: SignatureHeaders;
}

/** A body as Lark sends it: encrypted and signed when the secrets have an Encrypt Key. */
export function aDelivery(
  payload: unknown,
  secrets: DeliverySecrets,
  options: { isSigned?: boolean } = {},
): WireDelivery {
  if (!secrets.encryptKey) return { rawBody: Buffer.from(JSON.stringify(payload)), headers: {} };
  const rawBody = Buffer.from(
    JSON.stringify({ encrypt: encryptPayload(JSON.stringify(payload), secrets.encryptKey) }),
  );
  if (options.isSigned === false) return { rawBody, headers: {} };
  return { rawBody, headers: signedHeaders(rawBody, secrets.encryptKey) };
}

export function signedHeaders(rawBody: Buffer, encryptKey: string): SignatureHeaders {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  return { timestamp, nonce, signature: computeSignature(rawBody, timestamp, nonce, encryptKey) };
}
