import { createHash, randomBytes } from 'node:crypto';
import { deriveKey } from './derived-keys';
import { hmacBase64Url, isValidMac, parseBase64UrlJson, toBase64Url } from './hmac-codec';
import { refusals } from './sso-refusal';

export const STATE_LIFETIME_MS = 10 * 60 * 1000;
const MAX_STATE_LENGTH = 4096;
const VERSION = 1;

/** What a login carries through Lark's authorize page and back, without any server-side storage. */
export interface SsoState {
  idpId: string;
  nonce: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Where to send the browser with its session; validated before it was sealed. */
  redirect?: string;
}

export interface IssuedState {
  state: string;
  codeVerifier: string;
}

interface StatePayload {
  v: number;
  i: string;
  n: string;
  e: number;
  r?: string;
}

function isStatePayload(value: Record<string, unknown>): value is Record<string, unknown> & StatePayload {
  return (
    value.v === VERSION &&
    typeof value.i === 'string' &&
    typeof value.n === 'string' &&
    typeof value.e === 'number' &&
    (value.r === undefined || typeof value.r === 'string')
  );
}

/** PKCE S256 challenge of a verifier (RFC 7636). */
export function codeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

/**
 * Self-contained, tamper-proof OAuth state: `base64url(payload).base64url(HMAC)`. The PKCE verifier is
 * not carried but derived from the nonce under a separate key, so the state alone never reveals it.
 */
export class SsoStateCodec {
  private readonly stateKey: Buffer;
  private readonly pkceKey: Buffer;

  constructor(
    masterKeyBase64: string,
    private readonly now: () => number = Date.now,
  ) {
    this.stateKey = deriveKey(masterKeyBase64, 'sso-state');
    this.pkceKey = deriveKey(masterKeyBase64, 'sso-pkce');
  }

  issue(idpId: string, redirect?: string): IssuedState {
    const nonce = randomBytes(16).toString('base64url');
    const payload: StatePayload = {
      v: VERSION,
      i: idpId,
      n: nonce,
      e: this.now() + STATE_LIFETIME_MS,
      ...(redirect ? { r: redirect } : {}),
    };
    const body = toBase64Url(JSON.stringify(payload));
    return { state: `${body}.${hmacBase64Url(this.stateKey, body)}`, codeVerifier: this.codeVerifier(nonce) };
  }

  /** Throws an SsoRefusal (400) when the state is missing, altered, or older than 10 minutes. */
  verify(state: string | undefined): SsoState {
    if (!state) throw refusals.missingState();
    const parts = state.split('.');
    if (state.length > MAX_STATE_LENGTH || parts.length !== 2) throw refusals.badState();
    const [body, mac] = parts;
    if (!isValidMac(this.stateKey, body, mac)) throw refusals.badState();
    const payload = parseBase64UrlJson(body);
    if (!payload || !isStatePayload(payload)) throw refusals.badState();
    if (payload.e <= this.now()) throw refusals.stateExpired();
    return {
      idpId: payload.i,
      nonce: payload.n,
      expiresAt: payload.e,
      ...(payload.r ? { redirect: payload.r } : {}),
    };
  }

  /** 43 base64url characters, the shortest verifier RFC 7636 allows. */
  codeVerifier(nonce: string): string {
    return hmacBase64Url(this.pkceKey, nonce);
  }
}
