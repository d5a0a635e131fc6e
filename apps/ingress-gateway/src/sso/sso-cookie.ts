import { parse, serialize } from 'cookie';
import { STATE_LIFETIME_MS } from './sso-state';

const NAME = 'larksync_sso';

/**
 * The browser's half of a login: sent only to the OAuth redirect URL's path (behind any proxy prefix), on
 * Lark's top-level redirect back (SameSite=Lax), never readable by scripts; `Secure` over https.
 */
export class SsoCookie {
  private readonly attributes: { httpOnly: true; sameSite: 'lax'; path: string; secure: boolean };

  constructor(redirectUri: URL) {
    this.attributes = {
      httpOnly: true,
      sameSite: 'lax',
      path: redirectUri.pathname,
      secure: redirectUri.protocol === 'https:',
    };
  }

  set(browserBinding: string): string {
    return serialize(NAME, browserBinding, { ...this.attributes, maxAge: STATE_LIFETIME_MS / 1000 });
  }

  /** Spent at the callback, whatever its outcome: a login is finished once. */
  clear(): string {
    return serialize(NAME, '', { ...this.attributes, maxAge: 0 });
  }

  read(cookieHeader: string | undefined): string | undefined {
    return cookieHeader ? parse(cookieHeader)[NAME] || undefined : undefined;
  }
}
