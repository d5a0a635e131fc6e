import type { CredentialForVerification, CredentialRole } from '@app/persistence';
import { checkCredential, refusalOf } from './authentication';
import { credentialIdOf, issueCredentialSecret, secretSha256 } from './credential-secret';
import { grants } from './roles';

const NOW = Date.UTC(2026, 11, 3);
const issued = issueCredentialSecret();
const stored = (overrides: Partial<CredentialForVerification> = {}): CredentialForVerification => ({
  id: issued.id,
  name: 'policy engine',
  role: 'policy-reader',
  idpIds: null,
  secretSha256: issued.sha256,
  expiresAt: null,
  revokedAt: null,
  ...overrides,
});

describe('credential secrets', () => {
  it('should name their credential, and be told apart from anything else', () => {
    expect(issued.secret).toMatch(/^lsk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(credentialIdOf(issued.secret)).toBe(issued.id);
    expect(issueCredentialSecret().secret).not.toBe(issued.secret);
  });

  it.each([
    '',
    'lsk_',
    'Bearer x',
    `${issued.secret}x`,
    issued.secret.replace('lsk_', 'lsx_'),
    issued.secret.slice(0, -1),
  ])('should not take %p for a credential secret', (secret) => {
    expect(credentialIdOf(secret)).toBeUndefined();
  });
});

describe('checkCredential', () => {
  it.each([
    ['an unknown credential', undefined, issued.sha256, 'unknown'],
    ['a wrong secret', stored(), secretSha256(`${issued.secret}-other`), 'wrong_secret'],
    ['a revoked credential', stored({ revokedAt: NOW - 1 }), issued.sha256, 'revoked'],
    ['an expired credential', stored({ expiresAt: NOW }), issued.sha256, 'expired'],
    [
      'a revoked credential presented with a wrong secret',
      stored({ revokedAt: NOW - 1 }),
      secretSha256('x'),
      'wrong_secret',
    ],
  ])('should refuse %s', (_case, credential, presented, reason) => {
    expect(checkCredential(credential, presented, NOW)).toEqual({ ok: false, reason });
  });

  it('should accept a live credential until its expiry', () => {
    expect(checkCredential(stored({ expiresAt: NOW + 1 }), issued.sha256, NOW)).toEqual({
      ok: true,
      principal: { id: issued.id, name: 'policy engine', role: 'policy-reader', idpIds: null },
    });
  });
});

describe('roles', () => {
  const table: [CredentialRole, CredentialRole[]][] = [
    ['admin', ['admin', 'operator', 'viewer', 'policy-reader']],
    ['operator', ['operator', 'viewer']],
    ['viewer', ['viewer']],
    ['policy-reader', ['policy-reader']],
  ];
  it.each(table)('should let %s call the routes of %p only', (held, allowed) => {
    for (const required of ['admin', 'operator', 'viewer', 'policy-reader'] as CredentialRole[])
      expect([required, grants(held, required)]).toEqual([required, allowed.includes(required)]);
  });
});

describe('refusalOf', () => {
  const principal = { id: 'c', name: 'n', role: 'operator' as const, idpIds: ['idp-a'] };

  it.each([
    ['a role below the one required', 'admin', 'idp-a', /requires the admin role/],
    ['another IdP', 'operator', 'idp-b', /not allowed for IdP idp-b/],
    ['a route of no IdP, for a credential limited to some', 'viewer', undefined, /limited to some IdPs/],
  ] as const)('should refuse %s', (_case, required, idpId, message) => {
    expect(refusalOf(principal, required, idpId)).toMatch(message);
  });

  it('should let a credential call its IdPs, and an unlimited one every IdP and route', () => {
    expect(refusalOf(principal, 'viewer', 'idp-a')).toBeUndefined();
    expect(refusalOf({ ...principal, idpIds: null }, 'operator', undefined)).toBeUndefined();
  });
});
