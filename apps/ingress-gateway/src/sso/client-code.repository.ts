import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Who a one-time client code signs in, and what its redemption must prove. */
export interface ClientCodeGrant {
  idpId: string;
  openId: string;
  name: string;
  codeChallenge: string;
  redirectUri: string;
}

interface Row {
  idp_id: string;
  open_id: string;
  name: string;
  code_challenge: string;
  redirect_uri: string;
}

const sha256 = (code: string) => createHash('sha256').update(code).digest();

/** Table `sso_client_code`, the gateway's: codes kept by hash, each taken at most once. */
@Injectable()
export class ClientCodeRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the grant under the code's hash, and drops the codes that expired. */
  async save(code: string, grant: ClientCodeGrant, lifetimeMs: number): Promise<void> {
    await this.dataSource.query('DELETE FROM sso_client_code WHERE expires_at < now()');
    await this.dataSource.query(
      `INSERT INTO sso_client_code (code_sha256, idp_id, open_id, name, code_challenge, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))`,
      [
        sha256(code),
        grant.idpId,
        grant.openId,
        grant.name,
        grant.codeChallenge,
        grant.redirectUri,
        lifetimeMs / 1000,
      ],
    );
  }

  /** The grant, removed in the same statement so that a second redemption (on any replica) finds nothing. */
  async take(code: string): Promise<ClientCodeGrant | undefined> {
    const [rows] = (await this.dataSource.query(
      `DELETE FROM sso_client_code WHERE code_sha256 = $1 AND expires_at > now()
       RETURNING idp_id, open_id, name, code_challenge, redirect_uri`,
      [sha256(code)],
    )) as [Row[], number];
    const row = rows[0];
    if (!row) return undefined;
    return {
      idpId: row.idp_id,
      openId: row.open_id,
      name: row.name,
      codeChallenge: row.code_challenge,
      redirectUri: row.redirect_uri,
    };
  }
}
