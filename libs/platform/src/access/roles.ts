import type { CredentialRole } from '@app/persistence';

/** What a route asks of its caller: a role, or nothing when it is public by decision. */
export type RouteAccess = CredentialRole | 'public';

const GRANTED: Record<CredentialRole, readonly CredentialRole[]> = {
  admin: ['admin', 'operator', 'viewer', 'policy-reader'],
  operator: ['operator', 'viewer'],
  viewer: ['viewer'],
  'policy-reader': ['policy-reader'],
};

/** Whether a credential of role `held` may call a route that requires `required`. */
export function grants(held: CredentialRole, required: CredentialRole): boolean {
  return GRANTED[held].includes(required);
}
