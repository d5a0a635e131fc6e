import { refusalForStanding, refusalForTenant } from './login-decision';

describe('refusalForStanding', () => {
  it('should let an active directory user in', () => {
    expect(refusalForStanding({ status: 'active', name: 'Li Lei' })).toBeUndefined();
  });

  it.each([
    ['resigned', 'user_resigned'],
    ['frozen', 'user_frozen'],
    ['inactive', 'user_inactive'],
    ['out_of_scope', 'out_of_scope'],
    ['something_new', 'not_in_directory'],
  ])('should refuse a %s user with 403 %s', (status, code) => {
    expect(refusalForStanding({ status, name: '' })).toMatchObject({ status: 403, code });
  });

  it('should refuse a user missing from the directory', () => {
    expect(refusalForStanding(undefined)).toMatchObject({ status: 403, code: 'not_in_directory' });
  });
});

describe('refusalForTenant', () => {
  it.each([
    [null, 'tenant_a', undefined],
    [null, undefined, undefined],
    ['tenant_a', 'tenant_a', undefined],
    ['tenant_a', 'tenant_b', 'tenant_mismatch'],
    ['tenant_a', undefined, 'tenant_mismatch'],
  ])('should, for an IdP bound to %p and a user of %p, refuse with %p', (expected, actual, code) => {
    expect(refusalForTenant(expected, actual)?.code).toBe(code);
  });
});
