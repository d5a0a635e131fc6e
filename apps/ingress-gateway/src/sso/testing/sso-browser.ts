/** One HTTP hop, as a browser would make it, without following the redirect. */
export interface Hop {
  status: number;
  location?: string;
  headers: Headers;
  body: Record<string, unknown>;
  /** The `name=value` of the cookie the response set, as the browser would send it back. */
  cookie?: string;
}

export async function hop(url: string, cookie?: string): Promise<Hop> {
  const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  if (text !== '') {
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { text };
    }
  }
  return {
    status: response.status,
    location: response.headers.get('location') ?? undefined,
    headers: response.headers,
    body,
    cookie: response.headers.get('set-cookie')?.split(';')[0],
  };
}

export interface SignIn {
  login: Hop;
  authorize: Hop;
  callbackUrl: string;
  callback: Hop;
}

/**
 * The whole browser journey: the gateway's login → Lark's authorize page (which consents as `asOpenId`,
 * or as the simulator's auto-consent user) → the gateway's OAuth redirect URL, with the login's cookie.
 */
export async function signIn(loginUrl: string, authorize: Record<string, string> = {}): Promise<SignIn> {
  const login = await hop(loginUrl);
  if (login.status !== 302 || !login.location)
    throw new Error(`login answered ${login.status}: ${JSON.stringify(login.body)}`);
  const authorizeUrl = new URL(login.location);
  Object.entries(authorize).forEach(([key, value]) => authorizeUrl.searchParams.set(key, value));
  const consent = await hop(authorizeUrl.toString());
  if (consent.status !== 302 || !consent.location)
    throw new Error(`authorize answered ${consent.status}: ${JSON.stringify(consent.body)}`);
  return {
    login,
    authorize: consent,
    callbackUrl: consent.location,
    callback: await hop(consent.location, login.cookie),
  };
}
