/** Why a login was refused: the HTTP status, a stable error code (also the metric label) and a message for the user. */
export class SsoRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SsoRefusal';
  }
}

export const refusals = {
  unknownIdp: () => new SsoRefusal(404, 'unknown_idp', 'no IdP with this id'),
  idpClosed: () =>
    new SsoRefusal(403, 'idp_closed', 'this IdP is closed: sign-in with Lark is disabled for it'),
  idpLookupFailed: () =>
    new SsoRefusal(503, 'idp_lookup_failed', 'the IdP configuration could not be read; try again shortly'),
  redirectNotAllowed: () =>
    new SsoRefusal(
      400,
      'redirect_not_allowed',
      'redirect must be an absolute http(s) URL on an allowed origin',
    ),
  missingState: () =>
    new SsoRefusal(400, 'missing_state', 'the state parameter is missing; start the sign-in again'),
  badState: () =>
    new SsoRefusal(
      400,
      'bad_state',
      'the state parameter is invalid or was altered; start the sign-in again',
    ),
  stateNotBound: () =>
    new SsoRefusal(
      400,
      'state_not_bound',
      'this sign-in was not started in this browser, or its cookie is gone; start the sign-in again here',
    ),
  stateExpired: () =>
    new SsoRefusal(400, 'state_expired', 'the sign-in took more than 10 minutes; start it again'),
  missingCode: () => new SsoRefusal(400, 'missing_code', 'the code parameter is missing'),
  accessDenied: () => new SsoRefusal(403, 'access_denied', 'the user declined to authorise the app in Lark'),
  larkAuthorizeError: () =>
    new SsoRefusal(
      400,
      'lark_authorize_error',
      'Lark refused the authorisation request; start the sign-in again',
    ),
  tenantMismatch: () =>
    new SsoRefusal(403, 'tenant_mismatch', "the Lark account belongs to another tenant than this IdP's"),
  notInDirectory: () =>
    new SsoRefusal(403, 'not_in_directory', 'the user is not in the synchronised directory of this IdP'),
  outOfScope: () => new SsoRefusal(403, 'out_of_scope', "the user is outside the IdP's synchronised scope"),
  resigned: () => new SsoRefusal(403, 'user_resigned', 'the user has resigned'),
  frozen: () => new SsoRefusal(403, 'user_frozen', 'the user account is frozen'),
  inactive: () => new SsoRefusal(403, 'user_inactive', 'the user account is not activated'),
  sessionsUnavailable: () =>
    new SsoRefusal(503, 'sessions_unavailable', 'sessions cannot be signed right now; try again shortly'),
  larkUnreachable: () =>
    new SsoRefusal(502, 'lark_unreachable', 'Lark could not be reached in time; try again'),
  larkBadResponse: () =>
    new SsoRefusal(502, 'lark_bad_response', 'Lark answered with an unreadable response; try again'),
};
