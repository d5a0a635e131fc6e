import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { LOGGER, Logger } from '@app/logging';
import { CredentialForVerification, CredentialVerificationReader } from '@app/persistence';
import { Authentication, checkCredential } from './authentication';
import { sessionClaimsOf, sessionMacMatches } from './cookie-session';
import { credentialIdOf, secretSha256 } from './credential-secret';

export const ACCESS_OPTIONS = Symbol('ACCESS_OPTIONS');

export interface AccessOptions {
  /** LARKSYNC_ADMIN_TOKEN: the bootstrap admin credential, where the app has one. */
  bootstrapAdminToken?: string;
  /** Routes served by code the app does not declare access in (OpenAPI pages…): `GET /path` or `GET /prefix*`. */
  publicRoutes?: string[];
  /** Signs console sessions (cookie); an app without it accepts bearer credentials only. */
  sessionKey?: Buffer;
}

/** A revocation reaches every replica within this time. */
export const CREDENTIAL_CACHE_TTL_MS = 3000;
/** Last-used times are written at most this often per credential. */
export const LAST_USED_EVERY_MS = 60_000;

export const BOOTSTRAP_CREDENTIAL = { id: 'bootstrap', name: 'LARKSYNC_ADMIN_TOKEN' } as const;

interface Cached {
  credential: CredentialForVerification;
  until: number;
}

/**
 * Verifies bearer secrets: the bootstrap admin token, or an `lsk_` secret checked against its row, read
 * through a cache of a few seconds. A cached credential is verified synchronously (the projector's hot read).
 */
@Injectable()
export class CredentialVerifier implements BeforeApplicationShutdown {
  private readonly bootstrapSha256?: Buffer;
  private readonly sessionKey?: Buffer;
  private readonly cache = new Map<string, Cached>();
  private readonly loading = new Map<string, Promise<CredentialForVerification | undefined>>();
  private readonly lastUseRecorded = new Map<string, number>();
  private readonly recordingUse = new Set<Promise<void>>();

  constructor(
    private readonly reader: CredentialVerificationReader,
    @Inject(ACCESS_OPTIONS) options: AccessOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    if (options.bootstrapAdminToken) this.bootstrapSha256 = secretSha256(options.bootstrapAdminToken);
    this.sessionKey = options.sessionKey;
  }

  /** Last-use writes in flight finish while the database is still there. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.recordingUse);
  }

  /** The verdict on a secret when it needs no database read (the bootstrap token, a malformed or cached one). */
  verifyCached(secret: string, now = Date.now()): Authentication | undefined {
    const presented = secretSha256(secret);
    if (this.bootstrapSha256 && timingSafeEqual(presented, this.bootstrapSha256))
      return { ok: true, principal: { ...BOOTSTRAP_CREDENTIAL, role: 'admin', idpIds: null } };
    const id = credentialIdOf(secret);
    if (!id) return { ok: false, reason: 'unknown' };
    const cached = this.cache.get(id);
    if (cached && cached.until > now)
      return this.used(checkCredential(cached.credential, presented, now), now);
    return undefined;
  }

  async verify(secret: string, now = Date.now()): Promise<Authentication> {
    const cached = this.verifyCached(secret, now);
    if (cached) return cached;
    const credential = await this.load(credentialIdOf(secret)!);
    return this.used(checkCredential(credential, secretSha256(secret), now), now);
  }

  /** A console session cookie: valid while its credential is (same cache, so revocation ends it within 3 s). */
  verifySession(cookie: string, now = Date.now()): Authentication | Promise<Authentication> {
    const claims = this.sessionKey && sessionClaimsOf(cookie, now);
    if (!this.sessionKey || !claims) return { ok: false, reason: 'unknown' };
    const key = this.sessionKey;
    const check = (credential: CredentialForVerification | undefined): Authentication => {
      if (!credential) return { ok: false, reason: 'unknown' };
      if (!sessionMacMatches(key, cookie, credential.secretSha256))
        return { ok: false, reason: 'wrong_secret' };
      return this.used(checkCredential(credential, credential.secretSha256, now), now);
    };
    if (claims.credentialId === BOOTSTRAP_CREDENTIAL.id) {
      if (!this.bootstrapSha256) return { ok: false, reason: 'unknown' };
      return sessionMacMatches(key, cookie, this.bootstrapSha256)
        ? { ok: true, principal: { ...BOOTSTRAP_CREDENTIAL, role: 'admin', idpIds: null } }
        : { ok: false, reason: 'wrong_secret' };
    }
    const cached = this.cache.get(claims.credentialId);
    if (cached && cached.until > now) return check(cached.credential);
    return this.load(claims.credentialId).then(check);
  }

  private load(id: string): Promise<CredentialForVerification | undefined> {
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.reader.find(id).then((credential) => {
        // Only rows that exist are cached: unknown ids cannot grow the cache (and their failures are rate-limited).
        if (credential) this.cache.set(id, { credential, until: Date.now() + CREDENTIAL_CACHE_TTL_MS });
        else this.cache.delete(id);
        return credential;
      });
      this.loading.set(id, loading);
      void loading.finally(() => this.loading.delete(id)).catch(() => undefined);
    }
    return loading;
  }

  private used(authentication: Authentication, now: number): Authentication {
    if (!authentication.ok) return authentication;
    const { id } = authentication.principal;
    if (now - (this.lastUseRecorded.get(id) ?? 0) >= LAST_USED_EVERY_MS) {
      this.lastUseRecorded.set(id, now);
      const recording = this.reader
        .recordUse(id)
        .catch((error: Error) => this.logger.warn({ err: error, credentialId: id }, 'last use not recorded'))
        .finally(() => this.recordingUse.delete(recording));
      this.recordingUse.add(recording);
    }
    return authentication;
  }
}
