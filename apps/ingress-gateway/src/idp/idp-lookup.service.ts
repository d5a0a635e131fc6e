import { Inject, Injectable } from '@nestjs/common';
import { isIdpId } from '@app/contracts';
import {
  IdpLarkConnectionReader,
  IdpStatus,
  LarkPlatform,
  openCredentials,
  SecretBox,
} from '@app/persistence';
import { TtlCache } from './ttl-cache';

/** What the gateway needs of an IdP to accept its deliveries and sign its users in; secrets stay in memory only. */
export interface IdpView {
  id: string;
  status: IdpStatus;
  platform: LarkPlatform;
  appId: string;
  appSecret: string;
  encryptKey: string | null;
  verificationToken: string;
  tenantKey: string | null;
}

export interface IdpLookupOptions {
  masterKey: string;
  ttlMs: number;
  maxEntries: number;
}

export const IDP_LOOKUP_OPTIONS = Symbol('IDP_LOOKUP_OPTIONS');

/**
 * Cached reader of the directory's read model `idp_lark_connection`: a configuration change (key rotation,
 * closing) applies within the TTL.
 */
@Injectable()
export class IdpLookupService {
  private readonly box: SecretBox;
  private readonly cache: TtlCache<string, IdpView | null>;

  constructor(
    private readonly connections: IdpLarkConnectionReader,
    @Inject(IDP_LOOKUP_OPTIONS) options: IdpLookupOptions,
  ) {
    this.box = new SecretBox(options.masterKey);
    this.cache = new TtlCache(options.ttlMs, options.maxEntries);
  }

  /** Resolves to null for an unknown IdP; rejects when the database cannot answer. */
  find(idpId: string): Promise<IdpView | null> {
    if (!isIdpId(idpId)) return Promise.resolve(null);
    return this.cache.get(idpId.toLowerCase(), (id) => this.load(id));
  }

  private async load(id: string): Promise<IdpView | null> {
    const idp = await this.connections.find(id);
    if (!idp) return null;
    const credentials = openCredentials(this.box, idp);
    return {
      id: idp.id,
      status: idp.status,
      platform: idp.platform,
      appId: credentials.appId,
      appSecret: credentials.appSecret,
      encryptKey: credentials.encryptKey || null,
      verificationToken: credentials.verificationToken,
      tenantKey: idp.tenantKey,
    };
  }
}
