/** Codes after which the cached tenant token is dropped and fetched again, once. */
export const TOKEN_INVALID_CODES: ReadonlySet<number> = new Set([99991661, 99991663, 99991665]);

/** Lark's internal-error codes: worth a bounded retry, like an HTTP 5xx. */
export const TRANSIENT_CODES: ReadonlySet<number> = new Set([1500, 5000, 10012, 10013, 55001, 45500]);

export const RATE_LIMITED_CODE = 99991400;

export interface LarkErrorContext {
  /** Endpoint key, e.g. `contact.user.find_by_department`. */
  endpoint: string;
  /** The department or user the call was about, when there is one. */
  subject?: string;
}

/** A Lark call that failed for good, with what the admin must do about it. */
export class LarkApiError extends Error {
  constructor(
    readonly code: number,
    readonly httpStatus: number,
    message: string,
    readonly endpoint: string,
    readonly larkMessage = '',
  ) {
    super(message);
    this.name = 'LarkApiError';
  }

  /** Builds the error with an actionable message for a Lark answer `{code, msg}`. */
  static fromResponse(
    code: number,
    httpStatus: number,
    larkMessage: string,
    context: LarkErrorContext,
    body?: unknown,
  ): LarkApiError {
    return new LarkApiError(
      code,
      httpStatus,
      adviceFor(code, larkMessage, context, body),
      context.endpoint,
      larkMessage,
    );
  }
}

/** The request never got an answer (timeout, connection refused or reset). */
export class LarkTransportError extends Error {
  constructor(
    readonly endpoint: string,
    readonly reason: 'timeout' | 'network',
    detail: string,
  ) {
    super(`Lark did not answer ${endpoint} (${reason}: ${detail})`);
    this.name = 'LarkTransportError';
  }
}

type Advice = (context: LarkErrorContext, larkMessage: string, body: unknown) => string;

const ADVICE: Record<number, Advice> = {
  40004: ({ subject }) =>
    `${named('Department', subject)} is outside the app's contact scope: widen the contact permission scope in the Lark developer console and publish a new app version`,
  41050: ({ subject }) =>
    `${named('User', subject)} is outside the app's contact scope: widen the contact permission scope in the Lark developer console`,
  99991672: (_context, larkMessage, body) =>
    `The app lacks the permission ${missingPermission(larkMessage, body)}: add it under Permissions & Scopes in the Lark developer console and publish a new app version (an admin must approve it)`,
  99991676: () =>
    'The token lacks a permission this API needs: grant it in the Lark developer console and publish a new app version',
  10014: () =>
    'Lark refused the app (code 10014: app unavailable or App Secret rejected): check the App Secret and that the app is enabled in the Lark developer console',
  10015: () => 'Lark rejected the App Secret: check the App Secret in the IdP settings',
  10003: () => 'Lark does not know this App ID: check the App ID in the IdP settings',
  99991662: () => 'The app is disabled: enable it in the Lark admin console; syncing stops until then',
  99991673: () =>
    'The app is not installed or not enabled in this tenant: install and enable it in the Lark admin console',
  99991401: () =>
    "Lark refused the caller's IP address: add larksync's egress IP to the app's IP allowlist in the developer console",
  99991400: () =>
    'Lark kept rate-limiting the request after every retry: lower the sync concurrency or run the sync later',
  40162: () => 'Lark refused a recursive department listing (over 500 sub-departments)',
  40012: () => 'Lark rejected a page token; the listing must restart',
  42008: () => 'Lark reports the tenant as invalid: check that the app belongs to this tenant',
};

function adviceFor(code: number, larkMessage: string, context: LarkErrorContext, body: unknown): string {
  const advice = ADVICE[code];
  const detail = `(Lark code ${code} on ${context.endpoint}${larkMessage ? `: ${larkMessage}` : ''})`;
  if (advice) return `${advice(context, larkMessage, body)} ${detail}`;
  if (TOKEN_INVALID_CODES.has(code))
    return `Lark rejected the tenant access token even after fetching a new one: check the App ID and App Secret ${detail}`;
  return `Lark API error ${detail}`;
}

function named(kind: string, subject: string | undefined): string {
  return subject ? `${kind} ${subject}` : `A ${kind.toLowerCase()}`;
}

function missingPermission(larkMessage: string, body: unknown): string {
  const violations = (body as { error?: { permission_violations?: { subject?: string }[] } } | undefined)
    ?.error?.permission_violations;
  const fromBody = violations
    ?.map((violation) => violation.subject)
    .filter(Boolean)
    .join(', ');
  if (fromBody) return fromBody;
  return /\[([^\]]+)\]/.exec(larkMessage)?.[1] ?? '(see Lark message)';
}
