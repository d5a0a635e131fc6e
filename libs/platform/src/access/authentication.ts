import { timingSafeEqual } from 'node:crypto';
import type { CredentialForVerification, CredentialRole } from '@app/persistence';
import { grants } from './roles';

/** The credential a request authenticated with. */
export interface Principal {
  id: string;
  name: string;
  role: CredentialRole;
  idpIds: string[] | null;
}

export type AuthenticationFailure = 'missing' | 'unknown' | 'wrong_secret' | 'revoked' | 'expired';

export type Authentication =
  { ok: true; principal: Principal } | { ok: false; reason: AuthenticationFailure };

/** Checks a presented secret's hash against its credential, in constant time, then revocation and expiry. */
export function checkCredential(
  credential: CredentialForVerification | undefined,
  presentedSha256: Buffer,
  now: number,
): Authentication {
  if (!credential) return { ok: false, reason: 'unknown' };
  if (!timingSafeEqual(credential.secretSha256, presentedSha256))
    return { ok: false, reason: 'wrong_secret' };
  if (credential.revokedAt !== null) return { ok: false, reason: 'revoked' };
  if (credential.expiresAt !== null && credential.expiresAt <= now) return { ok: false, reason: 'expired' };
  const { id, name, role, idpIds } = credential;
  return { ok: true, principal: { id, name, role, idpIds } };
}

/** Why an authenticated principal may not call the route, or undefined when it may. */
export function refusalOf(
  principal: Principal,
  required: CredentialRole,
  idpId: string | undefined,
): string | undefined {
  if (!grants(principal.role, required))
    return `this route requires the ${required} role; the credential is ${principal.role}`;
  if (principal.idpIds === null) return undefined;
  if (idpId === undefined) return 'the credential is limited to some IdPs; this route is not scoped to one';
  return principal.idpIds.includes(idpId) ? undefined : `the credential is not allowed for IdP ${idpId}`;
}

export const FAILURE_MESSAGES: Record<AuthenticationFailure, string> = {
  missing: 'a bearer credential is required (Authorization: Bearer lsk_…)',
  unknown: 'the credential is not valid',
  wrong_secret: 'the credential is not valid',
  revoked: 'the credential was revoked',
  expired: 'the credential has expired',
};
