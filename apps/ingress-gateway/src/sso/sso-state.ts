import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './derived-keys';
import { hmacBase64Url, isValidMac, parseBase64UrlJson, toBase64Url } from './hmac-codec';
import type { ClientLanguage } from '../client-language/client-language';
import type { ClientReturn } from './client-return';
import { refusals } from './sso-refusal';

export const STATE_LIFETIME_MS = 10 * 60 * 1000;
const MAX_STATE_LENGTH = 4096;
const VERSION = 2;

/** What a login carries through Lark's authorize page and back, without any server-side storage. */
export interface SsoState {
  idpId: string;
  nonce: string;
  /** The browser's secret of this login (its cookie), checked against the state's hash of it. */
  browserBinding: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Where to send the browser with its session; validated before it was sealed. */
  redirect?: string;
  /** A native SASE client's return (RFC 8252); validated before it was sealed. */
  client?: ClientReturn;
}

export interface IssuedState {
  state: string;
  codeVerifier: string;
  /** A secret for the browser that starts the login (a cookie): only that browser can finish it. */
  browserBinding: string;
}

interface StatePayload {
  v: number;
  i: string;
  n: string;
  /** SHA-256 of the browser binding. */
  b: string;
  e: number;
  r?: string;
  /** Client: redirect URI, S256 challenge, its state, language. */
  c?: { u: string; h: string; s?: string; l: ClientLanguage };
}

function isClientPayload(value: unknown): value is StatePayload['c'] {
  if (typeof value !== 'object' || value === null) return false;
  const client = value as Record<string, unknown>;
  return (
    typeof client.u === 'string' &&
    typeof client.h === 'string' &&
    (client.s === undefined || typeof client.s === 'string') &&
    (client.l === 'zh-CN' || client.l === 'en-US')
  );
}

function isStatePayload(value: Record<string, unknown>): value is Record<string, unknown> & StatePayload {
  return (
    value.v === VERSION &&
    typeof value.i === 'string' &&
    typeof value.n === 'string' &&
    typeof value.b === 'string' &&
    typeof value.e === 'number' &&
    (value.r === undefined || typeof value.r === 'string') &&
    (value.c === undefined || isClientPayload(value.c))
  );
}

/** PKCE S256 challenge of a verifier (RFC 7636). */
export function codeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

const bindingHash = (binding: string) => createHash('sha256').update(binding).digest();

/** Whether `binding` hashes to the state's `b`, in constant time. */
function isBindingOf(hash: string, binding: string): boolean {
  const expected = Buffer.from(hash, 'base64url');
  const given = bindingHash(binding);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Self-contained, tamper-proof OAuth state: `base64url(payload).base64url(HMAC)`, bound to the browser that
 * started the login (RFC 9700 §4.7: no login CSRF, no code injection): the state holds a hash of a secret
 * that only that browser's cookie holds. The PKCE verifier is derived from the nonce and that secret under
 * a separate key, so neither the state nor a leaked callback URL reveals it.
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

  issue(idpId: string, redirect?: string, client?: ClientReturn): IssuedState {
    const nonce = randomBytes(16).toString('base64url');
    const browserBinding = randomBytes(16).toString('base64url');
    const payload: StatePayload = {
      v: VERSION,
      i: idpId,
      n: nonce,
      b: bindingHash(browserBinding).toString('base64url'),
      e: this.now() + STATE_LIFETIME_MS,
      ...(redirect ? { r: redirect } : {}),
      ...(client
        ? {
            c: {
              u: client.redirectUri,
              h: client.codeChallenge,
              ...(client.state !== undefined ? { s: client.state } : {}),
              l: client.language,
            },
          }
        : {}),
    };
    const body = toBase64Url(JSON.stringify(payload));
    return {
      state: `${body}.${hmacBase64Url(this.stateKey, body)}`,
      codeVerifier: this.codeVerifier(nonce, browserBinding),
      browserBinding,
    };
  }

  /**
   * Throws an SsoRefusal (400) when the state is missing, altered, older than 10 minutes, or not the one
   * this browser started (its binding missing or another login's).
   */
  verify(state: string | undefined, browserBinding: string | undefined): SsoState {
    if (!state) throw refusals.missingState();
    const parts = state.split('.');
    if (state.length > MAX_STATE_LENGTH || parts.length !== 2) throw refusals.badState();
    const [body, mac] = parts;
    if (!isValidMac(this.stateKey, body, mac)) throw refusals.badState();
    const payload = parseBase64UrlJson(body);
    if (!payload || !isStatePayload(payload)) throw refusals.badState();
    if (payload.e <= this.now()) throw refusals.stateExpired();
    if (!browserBinding || !isBindingOf(payload.b, browserBinding)) throw refusals.stateNotBound();
    return {
      idpId: payload.i,
      nonce: payload.n,
      browserBinding,
      expiresAt: payload.e,
      ...(payload.r ? { redirect: payload.r } : {}),
      ...(payload.c
        ? {
            client: {
              redirectUri: payload.c.u,
              codeChallenge: payload.c.h,
              ...(payload.c.s !== undefined ? { state: payload.c.s } : {}),
              language: payload.c.l,
            },
          }
        : {}),
    };
  }

  /** 43 base64url characters, the shortest verifier RFC 7636 allows. */
  codeVerifier(nonce: string, browserBinding: string): string {
    return hmacBase64Url(this.pkceKey, `${nonce}.${browserBinding}`);
  }
}
