import { refusalForAuthorizeError, refusalForTokenError, refusalForUserInfoError } from './lark-oauth-errors';

describe('refusalForTokenError', () => {
  it.each([
    [20003, 401, 'code_invalid'],
    [20065, 401, 'code_invalid'],
    [20024, 401, 'code_invalid'],
    [20004, 401, 'code_expired'],
    [20049, 401, 'pkce_failed'],
    [20010, 403, 'app_not_allowed'],
    [20009, 403, 'app_not_installed'],
    [20066, 403, 'user_status_invalid'],
    [20069, 403, 'app_disabled'],
    [20002, 502, 'idp_misconfigured'],
    [20048, 502, 'idp_misconfigured'],
    [20071, 502, 'idp_misconfigured'],
    [20050, 502, 'lark_unavailable'],
    [20072, 502, 'lark_unavailable'],
    [99991400, 503, 'lark_rate_limited'],
    [12345, 502, 'lark_error'],
  ])('should map Lark code %i to %i %s', (larkCode, status, code) => {
    expect(refusalForTokenError(larkCode)).toMatchObject({ status, code });
  });

  it('should name the code of an unknown Lark error, so an operator can look it up', () => {
    expect(refusalForTokenError(12345).message).toContain('12345');
  });

  it('should tell the operator where to register the redirect URL', () => {
    expect(refusalForTokenError(20071).message).toMatch(/Redirect URLs/);
  });
});

describe('refusalForUserInfoError', () => {
  it.each([
    [20005, 401, 'user_token_invalid'],
    [20008, 403, 'user_not_found'],
    [20021, 403, 'user_resigned'],
    [20022, 403, 'user_frozen'],
    [20023, 403, 'user_inactive'],
    [20050, 502, 'lark_unavailable'],
    [99, 502, 'lark_error'],
  ])('should map Lark code %i to %i %s', (larkCode, status, code) => {
    expect(refusalForUserInfoError(larkCode)).toMatchObject({ status, code });
  });
});

describe('refusalForAuthorizeError', () => {
  it.each([
    ['access_denied', 403, 'access_denied'],
    ['server_error', 400, 'lark_authorize_error'],
  ])('should map %s to %i %s', (error, status, code) => {
    expect(refusalForAuthorizeError(error)).toMatchObject({ status, code });
  });
});
