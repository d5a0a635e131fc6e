import { refusals } from './sso-refusal';

const MAX_REDIRECT_LENGTH = 2048;

/** Origin (`scheme://host[:port]`) of an http(s) URL, or undefined. */
export function originOf(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The SASE client's return URL, accepted only on an allowed origin: the session travels in its fragment,
 * so an open redirect would hand sessions to anyone who crafts a login link.
 */
export function acceptRedirect(
  raw: string | undefined,
  allowedOrigins: ReadonlySet<string>,
): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (raw.length > MAX_REDIRECT_LENGTH) throw refusals.redirectNotAllowed();
  const origin = originOf(raw);
  if (!origin || !allowedOrigins.has(origin)) throw refusals.redirectNotAllowed();
  return raw;
}

/** The return URL with the session in its fragment (never sent to a server, kept out of logs and Referer). */
export function withSessionFragment(
  redirect: string,
  session: { session: string; expiresAt: string },
): string {
  const base = redirect.split('#', 1)[0];
  const fragment = new URLSearchParams({ session: session.session, expires_at: session.expiresAt });
  return `${base}#${fragment.toString()}`;
}
