import pino from 'pino';
import type { CredentialForVerification, CredentialVerificationReader } from '@app/persistence';
import { issueCredentialSecret } from './credential-secret';
import { CREDENTIAL_CACHE_TTL_MS, CredentialVerifier, LAST_USED_EVERY_MS } from './credential-verifier';

const issued = issueCredentialSecret();
const row: CredentialForVerification = {
  id: issued.id,
  name: 'engine',
  role: 'policy-reader',
  idpIds: null,
  secretSha256: issued.sha256,
  expiresAt: null,
  revokedAt: null,
};

function verifierOver(rows: Map<string, CredentialForVerification>) {
  const reader = {
    reads: 0,
    uses: 0,
    find: async (id: string) => (reader.reads++, rows.get(id)),
    recordUse: async () => void reader.uses++,
  };
  const verifier = new CredentialVerifier(
    reader as unknown as CredentialVerificationReader,
    { bootstrapAdminToken: 'bootstrap-token-0123456789' },
    pino({ level: 'silent' }),
  );
  return { verifier, reader };
}

describe('CredentialVerifier', () => {
  it('should take the bootstrap token for an admin without reading the database', () => {
    const { verifier, reader } = verifierOver(new Map());
    expect(verifier.verifyCached('bootstrap-token-0123456789')).toMatchObject({
      ok: true,
      principal: { role: 'admin' },
    });
    expect(verifier.verifyCached('bootstrap-token-012345678')).toEqual({ ok: false, reason: 'unknown' });
    expect(reader.reads).toBe(0);
  });

  it('should verify from the cache within its lifetime, and see a revocation after it', async () => {
    const rows = new Map([[row.id, row]]);
    const { verifier, reader } = verifierOver(rows);
    const now = Date.now();
    expect(await verifier.verify(issued.secret, now)).toMatchObject({ ok: true });
    rows.set(row.id, { ...row, revokedAt: now });
    expect(verifier.verifyCached(issued.secret, now + 1)).toMatchObject({ ok: true });
    expect(verifier.verifyCached(issued.secret, now + CREDENTIAL_CACHE_TTL_MS + 1000)).toBeUndefined();
    expect(reader.reads).toBe(1);
    expect(await verifier.verify(issued.secret, now + CREDENTIAL_CACHE_TTL_MS + 1000)).toEqual({
      ok: false,
      reason: 'revoked',
    });
  });

  it('should record a credential’s use at most once a minute', async () => {
    const { verifier, reader } = verifierOver(new Map([[row.id, row]]));
    const now = Date.now();
    await verifier.verify(issued.secret, now);
    await verifier.verify(issued.secret, now + 1);
    expect(reader.uses).toBe(1);
    await verifier.verify(issued.secret, now + LAST_USED_EVERY_MS);
    expect(reader.uses).toBe(2);
  });

  it('should not cache an unknown credential', async () => {
    const rows = new Map<string, CredentialForVerification>();
    const { verifier, reader } = verifierOver(rows);
    expect(await verifier.verify(issued.secret)).toEqual({ ok: false, reason: 'unknown' });
    rows.set(row.id, row);
    expect(await verifier.verify(issued.secret)).toMatchObject({ ok: true });
    expect(reader.reads).toBe(2);
  });
});
