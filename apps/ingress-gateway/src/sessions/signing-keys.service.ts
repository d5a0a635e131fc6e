import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { calculateJwkThumbprint, CryptoKey, exportJWK, generateKeyPair, importJWK, JWK } from 'jose';
import { LOGGER, Logger } from '@app/logging';
import { SecretBox, ssoSigningKeyAad as aad } from '@app/persistence';
import { PeriodicTask } from '@app/platform';
import { arrangeKeyRing, KeyRing, KeyRingPolicy } from './signing-key-ring';
import { SigningKeyRepository, StoredSigningKey } from './signing-key.repository';

export const SESSION_ALGORITHM = 'EdDSA';

export interface SigningKeysOptions {
  masterKey: string;
  policy: KeyRingPolicy;
  /** How often each replica reloads the keys (and rotates when due): far below `policy.publishAheadMs`. */
  reloadEveryMs: number;
}

export const SIGNING_KEYS_OPTIONS = Symbol('SIGNING_KEYS_OPTIONS');

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** The gateway's Ed25519 session keys, shared by every replica through PostgreSQL and rotated on a schedule. */
@Injectable()
export class SigningKeysService implements OnModuleInit, OnModuleDestroy {
  private readonly box: SecretBox;
  private readonly reload: PeriodicTask;
  private ring: KeyRing = { published: [], expired: [], shouldRotate: true };
  private signing?: SigningKey;
  private verificationKeys = new Map<string, CryptoKey>();

  constructor(
    private readonly repository: SigningKeyRepository,
    @Inject(SIGNING_KEYS_OPTIONS) private readonly options: SigningKeysOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.box = new SecretBox(options.masterKey);
    this.reload = new PeriodicTask(
      () =>
        this.refresh().catch((error: unknown) =>
          this.logger.warn({ err: error }, 'session signing keys not reloaded; retrying'),
        ),
      options.reloadEveryMs,
    );
  }

  async onModuleInit(): Promise<void> {
    this.reload.start();
    await this.reload.run();
  }

  async onModuleDestroy(): Promise<void> {
    await this.reload.stop();
  }

  /** The key that signs new sessions; undefined until the keys could first be read. */
  signingKey(): SigningKey | undefined {
    return this.signing;
  }

  /** The public keys a relying party may meet in a live session (RFC 7517 JWK Set). */
  jwks(): { keys: JWK[] } {
    return {
      keys: this.ring.published.map((key) => ({
        ...key.publicJwk,
        kid: key.kid,
        alg: SESSION_ALGORITHM,
        use: 'sig',
      })),
    };
  }

  /** The public key that verifies sessions signed under `kid`, while it is published. */
  verificationKey(kid: string): CryptoKey | undefined {
    return this.verificationKeys.get(kid);
  }

  async refresh(): Promise<void> {
    let stored = await this.repository.findAll();
    let ring = this.arrange(stored);
    if (ring.shouldRotate) {
      const rotation = this.options.policy.rotateEveryMs;
      if (await this.repository.addUnlessNewerThan(await this.newKey(), rotation))
        this.logger.info('session signing key added');
      // Added here, or just now by another replica: read again either way.
      stored = await this.repository.findAll();
      ring = this.arrange(stored);
    }
    await this.repository.delete(ring.expired.map((key) => key.kid));
    if (ring.signing && ring.signing.kid !== this.signing?.kid) {
      const sealed = stored.find((key) => key.kid === ring.signing!.kid)!.privateJwkSealed;
      const jwk = JSON.parse(this.box.open(sealed, aad(ring.signing.kid))) as JWK;
      this.signing = {
        kid: ring.signing.kid,
        privateKey: (await importJWK(jwk, SESSION_ALGORITHM)) as CryptoKey,
      };
    }
    this.verificationKeys = await this.importPublished(ring);
    this.ring = ring;
  }

  /** Imported once per key, not once per verification. */
  private async importPublished(ring: KeyRing): Promise<Map<string, CryptoKey>> {
    const imported = new Map<string, CryptoKey>();
    for (const key of ring.published)
      imported.set(
        key.kid,
        this.verificationKeys.get(key.kid) ??
          ((await importJWK(key.publicJwk, SESSION_ALGORITHM)) as CryptoKey),
      );
    return imported;
  }

  private arrange(stored: StoredSigningKey[]): KeyRing {
    return arrangeKeyRing(stored, this.options.policy, Date.now());
  }

  private async newKey(): Promise<Omit<StoredSigningKey, 'createdAt'>> {
    const { publicKey, privateKey } = await generateKeyPair(SESSION_ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = JSON.stringify(await exportJWK(privateKey));
    return { kid, publicJwk, privateJwkSealed: this.box.seal(privateJwk, aad(kid)) };
  }
}
