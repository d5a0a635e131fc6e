import { randomBytes } from 'node:crypto';
import { generateKeyPair, exportJWK, calculateJwkThumbprint } from 'jose';
import pino from 'pino';
import { SecretBox } from '@app/persistence';
import { SigningKeyRepository, StoredSigningKey } from './signing-key.repository';
import { SigningKeysService } from './signing-keys.service';

const DAY = 24 * 3_600_000;
const MASTER_KEY = randomBytes(32).toString('base64');
const POLICY = { rotateEveryMs: 30 * DAY, publishAheadMs: 600_000, sessionLifetimeMs: 3_600_000 };

/** The table as the repository shows it; `rival` plays another replica that rotates first. */
class InMemoryKeys {
  rows: StoredSigningKey[] = [];
  rival?: StoredSigningKey;
  deleted: string[] = [];
  unreachable = false;

  asRepository(): SigningKeyRepository {
    return {
      findAll: async () => {
        if (this.unreachable) throw new Error('connection terminated');
        return [...this.rows];
      },
      addUnlessNewerThan: async (key: Omit<StoredSigningKey, 'createdAt'>, minAgeMs: number) => {
        if (this.rival) this.rows.push(this.rival);
        if (this.rows.some((row) => row.createdAt > Date.now() - minAgeMs)) return false;
        this.rows.push({ ...key, createdAt: Date.now() });
        return true;
      },
      delete: async (kids: string[]) => {
        this.deleted.push(...kids);
        this.rows = this.rows.filter((row) => !kids.includes(row.kid));
      },
    } as unknown as SigningKeyRepository;
  }
}

async function aStoredKey(masterKey: string, createdAt: number): Promise<StoredSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const sealed = new SecretBox(masterKey).seal(
    JSON.stringify(await exportJWK(privateKey)),
    `sso_signing_key:${kid}`,
  );
  return { kid, createdAt, publicJwk, privateJwkSealed: sealed };
}

function aService(keys: InMemoryKeys): SigningKeysService {
  return new SigningKeysService(
    keys.asRepository(),
    { masterKey: MASTER_KEY, policy: POLICY, reloadEveryMs: 60_000 },
    pino({ level: 'silent' }),
  );
}

describe('SigningKeysService', () => {
  it('should make the first key, sign with it and publish only its public half', async () => {
    const keys = new InMemoryKeys();
    const service = aService(keys);
    await service.refresh();
    expect(keys.rows).toHaveLength(1);
    expect(service.signingKey()?.kid).toBe(keys.rows[0].kid);
    expect(service.verificationKey(keys.rows[0].kid)).toBeDefined();
    expect(service.jwks().keys).toEqual([
      { ...keys.rows[0].publicJwk, kid: keys.rows[0].kid, alg: 'EdDSA', use: 'sig' },
    ]);
    expect(JSON.stringify(service.jwks())).not.toContain('"d"');
  });

  it('should sign with the key another replica added when that replica won the rotation', async () => {
    const keys = new InMemoryKeys();
    keys.rival = await aStoredKey(MASTER_KEY, Date.now());
    const service = aService(keys);
    await service.refresh();
    expect(keys.rows.map((row) => row.kid)).toEqual([keys.rival.kid]);
    expect(service.signingKey()?.kid).toBe(keys.rival.kid);
  });

  it('should delete a retired key once no session it signed can live, and stop verifying with it', async () => {
    const keys = new InMemoryKeys();
    const retired = await aStoredKey(MASTER_KEY, Date.now() - 40 * DAY);
    const current = await aStoredKey(MASTER_KEY, Date.now() - 5 * DAY);
    keys.rows.push(retired, current);
    const service = aService(keys);
    await service.refresh();
    expect(keys.deleted).toEqual([retired.kid]);
    expect(service.signingKey()?.kid).toBe(current.kid);
    expect(service.verificationKey(retired.kid)).toBeUndefined();
  });

  it('should refuse to sign, and say why, when the keys were sealed under another master key', async () => {
    const keys = new InMemoryKeys();
    keys.rows.push(await aStoredKey(randomBytes(32).toString('base64'), Date.now()));
    const service = aService(keys);
    await expect(service.refresh()).rejects.toThrow(
      /sealed under master key "k[0-9a-f]{8}", which the master keys do not hold/,
    );
    expect(service.signingKey()).toBeUndefined();
  });

  it('should keep signing and verifying with the keys it has while the database cannot be read', async () => {
    const keys = new InMemoryKeys();
    const service = aService(keys);
    await service.refresh();
    const kid = service.signingKey()!.kid;
    keys.unreachable = true;
    await expect(service.refresh()).rejects.toThrow('connection terminated');
    expect(service.signingKey()?.kid).toBe(kid);
    expect(service.verificationKey(kid)).toBeDefined();
    keys.unreachable = false;
    await service.refresh();
    expect(keys.rows).toHaveLength(1);
  });
});
