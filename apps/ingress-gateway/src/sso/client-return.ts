import type { ClientLanguage } from '../client-language/client-language';
import { SsoRefusal } from './sso-refusal';

const MAX_REDIRECT_URI_LENGTH = 1024;
const MAX_CLIENT_STATE_LENGTH = 512;
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]']);

/** Where and how a native SASE client (RFC 8252) gets its sign-in back: sealed into the OAuth state. */
export interface ClientReturn {
  redirectUri: string;
  /** PKCE S256 challenge of the client's verifier (RFC 7636). */
  codeChallenge: string;
  /** The client's own state, returned as given. */
  state?: string;
  language: ClientLanguage;
}

export interface ClientLoginQuery {
  redirectUri: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  state?: string;
}

const invalidRequest = (message: string) => new SsoRefusal(400, 'invalid_request', message);

/**
 * Whether a native client may be sent back to `raw`: a loopback IP literal over http on any port (RFC 8252 §7.3;
 * `localhost` is not, §8.3), or a private-use scheme the enterprise allows (§7.1). Never a fragment.
 */
export function isAllowedClientRedirect(raw: string, allowedSchemes: readonly string[]): boolean {
  if (raw.length > MAX_REDIRECT_URI_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.hash !== '' || raw.includes('#')) return false;
  if (url.protocol === 'http:')
    return LOOPBACK_HOSTS.has(url.hostname) && url.username === '' && url.password === '';
  return allowedSchemes.includes(url.protocol.slice(0, -1));
}

/**
 * The redirect URI is checked first and apart (`isAllowedClientRedirect`): until it is, a refusal cannot be sent
 * there. This checks the rest, which a refusal can be redirected for.
 */
export function clientReturnOf(query: ClientLoginQuery, language: ClientLanguage): ClientReturn {
  if (query.codeChallengeMethod !== 'S256')
    throw invalidRequest('code_challenge_method must be S256 (RFC 7636); plain is not accepted');
  if (!query.codeChallenge || !S256_CHALLENGE.test(query.codeChallenge))
    throw invalidRequest('code_challenge must be the 43-character base64url SHA-256 of the code verifier');
  if (
    query.state !== undefined &&
    (query.state.length > MAX_CLIENT_STATE_LENGTH || !/^[\x20-\x7e]*$/.test(query.state))
  )
    throw invalidRequest(`state must be at most ${MAX_CLIENT_STATE_LENGTH} printable ASCII characters`);
  return {
    redirectUri: query.redirectUri,
    codeChallenge: query.codeChallenge,
    ...(query.state ? { state: query.state } : {}),
    language,
  };
}

/** The client's redirect URI with `params` and its state added to the query (RFC 6749 §4.1.2). */
export function clientRedirect(
  client: Pick<ClientReturn, 'redirectUri' | 'state'>,
  params: Record<string, string>,
): string {
  const url = new URL(client.redirectUri);
  Object.entries(params).forEach(([key, value]) => url.searchParams.set(key, value));
  if (client.state !== undefined) url.searchParams.set('state', client.state);
  return url.toString();
}
