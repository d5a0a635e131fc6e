import type { SignInStanding } from '@app/persistence';
import { refusals, SsoRefusal } from './sso-refusal';

/** Only an active, in-scope directory user gets a session; everything else is refused with its reason. */
export function refusalForStanding(standing: SignInStanding | undefined): SsoRefusal | undefined {
  if (!standing) return refusals.notInDirectory();
  switch (standing.status) {
    case 'active':
      return undefined;
    case 'resigned':
      return refusals.resigned();
    case 'frozen':
      return refusals.frozen();
    case 'inactive':
      return refusals.inactive();
    case 'out_of_scope':
      return refusals.outOfScope();
    default:
      return refusals.notInDirectory();
  }
}

/** A session only for the tenant the IdP is bound to (when it is bound to one). */
export function refusalForTenant(
  expectedTenantKey: string | null,
  tenantKey: string | undefined,
): SsoRefusal | undefined {
  if (expectedTenantKey === null || expectedTenantKey === tenantKey) return undefined;
  return refusals.tenantMismatch();
}
