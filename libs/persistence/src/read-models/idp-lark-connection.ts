import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IdpStatus, LarkPlatform } from '../entities/idp.entity';

/** What the gateway needs of an IdP to verify Lark's webhooks and sign its users in: view `idp_lark_connection`. */
export interface IdpLarkConnection {
  id: string;
  status: IdpStatus;
  platform: LarkPlatform;
  /** SecretBox-sealed credentials, as in `idp`: open them with `openCredentials`. */
  sealedCredentials: string;
  tenantKey: string | null;
}

interface IdpLarkConnectionRow {
  id: string;
  status: IdpStatus;
  platform: LarkPlatform;
  sealed_credentials: string;
  tenant_key: string | null;
}

/** Read by the gateway (behind its own cache) for each webhook delivery and SSO login. */
@Injectable()
export class IdpLarkConnectionReader {
  constructor(private readonly dataSource: DataSource) {}

  /** `idpId` must be a UUID (the column's type). */
  async find(idpId: string): Promise<IdpLarkConnection | null> {
    const rows: IdpLarkConnectionRow[] = await this.dataSource.query(
      'SELECT id, status, platform, sealed_credentials, tenant_key FROM idp_lark_connection WHERE id = $1',
      [idpId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      status: row.status,
      platform: row.platform,
      sealedCredentials: row.sealed_credentials,
      tenantKey: row.tenant_key,
    };
  }
}
