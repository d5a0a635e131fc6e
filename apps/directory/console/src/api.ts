/** Calls the directory's admin API with the session cookie, and the session's CSRF token on every change. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface Session {
  credential: { id: string; name: string; role: string; idpIds: string[] | null };
  csrfToken: string | null;
}

let csrfToken: string | null = null;

export function holdSession(session: Session | null): void {
  csrfToken = session?.csrfToken ?? null;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: HeadersInit = {},
): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(method === 'GET' || !csrfToken ? {} : { 'x-csrf-token': csrfToken }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw new ApiError(response.status, messageOf(parsed) ?? `HTTP ${response.status}`);
  return parsed as T;
}

export function signIn(credential: string): Promise<Session> {
  return api<Session>('POST', '/session', undefined, { authorization: `Bearer ${credential}` });
}

/** The API's JSON error as one sentence: each bad field's problems when it names them, else its message. */
export function messageOf(parsed: unknown): string | undefined {
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { message, fields } = parsed as { message?: unknown; fields?: unknown };
  if (Array.isArray(fields) && fields.length > 0)
    return fields
      .flatMap((field: { field?: unknown; problems?: unknown }) =>
        Array.isArray(field.problems) ? field.problems.map(String) : [String(field.field)],
      )
      .join('; ');
  if (Array.isArray(message))
    return message.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))).join('; ');
  return typeof message === 'string' ? message : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
