import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Idp, IdpStatus, LarkPlatform, openCredentials, SecretBox } from '@app/persistence';
import { TtlCache } from '../idp/ttl-cache';

/** What SSO needs of an IdP; the App Secret stays in memory only. */
export interface SsoIdp {
  id: string;
  status: IdpStatus;
  platform: LarkPlatform;
  appId: string;
  appSecret: string;
  tenantKey: string | null;
}

export interface SsoIdpLookupOptions {
  masterKey: string;
  ttlMs: number;
  maxEntries: number;
}

export const SSO_IDP_LOOKUP_OPTIONS = Symbol('SSO_IDP_LOOKUP_OPTIONS');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Cached reader of the `idp` table for sign-ins: closing an IdP or rotating its secret applies within the TTL. */
@Injectable()
export class SsoIdpLookupService {
  private readonly box: SecretBox;
  private readonly cache: TtlCache<string, SsoIdp | null>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SSO_IDP_LOOKUP_OPTIONS) options: SsoIdpLookupOptions,
  ) {
    this.box = new SecretBox(options.masterKey);
    this.cache = new TtlCache(options.ttlMs, options.maxEntries);
  }

  /** Resolves to null for an unknown IdP; rejects when the database cannot answer. */
  find(idpId: string): Promise<SsoIdp | null> {
    if (!UUID.test(idpId)) return Promise.resolve(null);
    return this.cache.get(idpId.toLowerCase(), (id) => this.load(id));
  }

  private async load(id: string): Promise<SsoIdp | null> {
    const idp = await this.dataSource.getRepository(Idp).findOne({ where: { id } });
    if (!idp) return null;
    const credentials = openCredentials(this.box, idp);
    return {
      id: idp.id,
      status: idp.status,
      platform: idp.platform,
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      tenantKey: idp.tenantKey,
    };
  }
}
