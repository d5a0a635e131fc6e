import { randomBytes } from 'node:crypto';
import { EventEnvelope, signLarkRequest, SimAppConfig, wireRequest } from '../lark-simulator';

export type BadKind = 'malformed' | 'mis-signed' | 'oversized' | 'truncated' | 'wrong-app' | 'replayed';
export const BAD_KINDS: BadKind[] = [
  'malformed',
  'mis-signed',
  'oversized',
  'truncated',
  'wrong-app',
  'replayed',
];

/** The answers each kind may get: its 4xx and the gateway's error code. */
export const EXPECTED_REFUSAL: Record<BadKind, { status: number; codes: string[] }> = {
  malformed: { status: 400, codes: ['not_json'] },
  'mis-signed': { status: 401, codes: ['bad_signature'] },
  oversized: { status: 413, codes: ['*'] },
  truncated: { status: 401, codes: ['bad_signature'] },
  'wrong-app': { status: 403, codes: ['app_mismatch'] },
  replayed: { status: 401, codes: ['stale_timestamp'] },
};

export interface BadRequest {
  kind: BadKind;
  body: string;
  headers: Record<string, string>;
}

const EIGHT_HOURS_MS = 8 * 3_600_000;

/** One bad delivery of `kind`, built from a real event of the app (with a fresh event id, so none is a duplicate). */
export function badRequest(
  kind: BadKind,
  app: SimAppConfig,
  sample: EventEnvelope,
  nowMs: number,
): BadRequest {
  const payload = withNewEventId(sample.payload);
  switch (kind) {
    case 'malformed':
      return signed(app, `{"encrypt": ${randomBytes(12).toString('hex')}`, nowMs, kind);
    case 'mis-signed': {
      const request = wireRequest(app, payload, nowMs);
      return {
        kind,
        body: request.body,
        headers: { ...request.headers, 'x-lark-signature': 'f'.repeat(64) },
      };
    }
    case 'oversized':
      return signed(app, JSON.stringify({ encrypt: 'A'.repeat(1_100_000) }), nowMs, kind);
    case 'truncated': {
      const request = wireRequest(app, payload, nowMs);
      return {
        kind,
        body: request.body.slice(0, Math.floor(request.body.length / 2)),
        headers: request.headers,
      };
    }
    case 'wrong-app': {
      const header = { ...(payload.header as Record<string, unknown>), app_id: 'cli_not_this_idp_app' };
      const request = wireRequest(app, { ...payload, header }, nowMs);
      return { kind, ...request };
    }
    case 'replayed':
      // A delivery captured eight hours ago, past Lark's whole retry schedule: its signature is valid, its time is not.
      return { kind, ...wireRequest(app, payload, nowMs - EIGHT_HOURS_MS) };
  }
}

function signed(app: SimAppConfig, body: string, nowMs: number, kind: BadKind): BadRequest {
  const timestamp = Math.floor(nowMs / 1000).toString();
  const nonce = randomBytes(8).toString('hex');
  return {
    kind,
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signLarkRequest(timestamp, nonce, app.encryptKey ?? '', body),
    },
  };
}

function withNewEventId(payload: Record<string, unknown>): Record<string, unknown> {
  const header = {
    ...(payload.header as Record<string, unknown>),
    event_id: randomBytes(16).toString('hex'),
  };
  return { ...payload, header };
}
