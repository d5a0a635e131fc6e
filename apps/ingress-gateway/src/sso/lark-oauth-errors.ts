import { refusals, SsoRefusal } from './sso-refusal';

type RefusalSpec = [status: number, code: string, message: string];

const IDP_MISCONFIGURED =
  'check the App ID, App Secret and Redirect URL of this IdP in the Lark developer console';
const RETRY_LATER = 'Lark is temporarily unavailable; try again shortly';

/** Lark's `authen/v2/oauth/token` error codes (reference §7.6) as refusals a user or an operator can act on. */
const TOKEN_ERRORS: Record<number, RefusalSpec> = {
  20002: [502, 'idp_misconfigured', `Lark rejected the App Secret: ${IDP_MISCONFIGURED}`],
  20003: [401, 'code_invalid', 'the authorisation code is unknown or was already used; sign in again'],
  20004: [401, 'code_expired', 'the authorisation code expired (5 minutes); sign in again'],
  20008: [403, 'user_not_found', 'Lark does not know this user'],
  20009: [403, 'app_not_installed', 'the app is not installed in your Lark tenant; ask your Lark admin'],
  20010: [403, 'app_not_allowed', "the user may not use this app (outside the app's availability in Lark)"],
  20024: [401, 'code_invalid', 'the authorisation code was issued to another app; sign in again'],
  20048: [502, 'idp_misconfigured', `Lark does not know the App ID: ${IDP_MISCONFIGURED}`],
  20049: [401, 'pkce_failed', 'the sign-in could not be verified (PKCE); sign in again'],
  20050: [502, 'lark_unavailable', RETRY_LATER],
  20065: [401, 'code_invalid', 'the authorisation code was already used; sign in again'],
  20066: [403, 'user_status_invalid', "the user's Lark account is not in a state that may sign in"],
  20069: [403, 'app_disabled', 'the app is disabled in your Lark tenant; ask your Lark admin'],
  20071: [
    502,
    'idp_misconfigured',
    `Lark rejected the redirect URL: register it under Security Settings → Redirect URLs (${IDP_MISCONFIGURED})`,
  ],
  20072: [502, 'lark_unavailable', RETRY_LATER],
  99991400: [503, 'lark_rate_limited', 'Lark is rate limiting sign-ins; try again in a minute'],
};

/** Lark's `authen/v1/user_info` error codes. */
const USER_INFO_ERRORS: Record<number, RefusalSpec> = {
  20005: [401, 'user_token_invalid', 'Lark did not accept the user access token; sign in again'],
  20008: [403, 'user_not_found', 'Lark does not know this user'],
  20021: [403, 'user_resigned', 'the user has resigned'],
  20022: [403, 'user_frozen', 'the user account is frozen'],
  20023: [403, 'user_inactive', 'the user has not joined the Lark tenant'],
  20050: [502, 'lark_unavailable', RETRY_LATER],
};

function toRefusal(table: Record<number, RefusalSpec>, larkCode: number, endpoint: string): SsoRefusal {
  const spec = table[larkCode];
  if (spec) return new SsoRefusal(...spec);
  return new SsoRefusal(502, 'lark_error', `Lark refused the ${endpoint} request with code ${larkCode}`);
}

export function refusalForTokenError(larkCode: number): SsoRefusal {
  return toRefusal(TOKEN_ERRORS, larkCode, 'token');
}

export function refusalForUserInfoError(larkCode: number): SsoRefusal {
  return toRefusal(USER_INFO_ERRORS, larkCode, 'user_info');
}

/** The `error` parameter Lark puts on the redirect instead of a code. */
export function refusalForAuthorizeError(error: string): SsoRefusal {
  return error === 'access_denied' ? refusals.accessDenied() : refusals.larkAuthorizeError();
}
