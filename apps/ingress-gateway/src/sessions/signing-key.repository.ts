import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { JWK } from 'jose';

export interface StoredSigningKey {
  kid: string;
  createdAt: number;
  publicJwk: JWK;
  privateJwkSealed: string;
}

interface SigningKeyRow {
  kid: string;
  created_at: Date;
  public_jwk: JWK;
  private_jwk_sealed: string;
}

/** Table `sso_signing_key`, owned by the gateway. */
@Injectable()
export class SigningKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findAll(): Promise<StoredSigningKey[]> {
    const rows: SigningKeyRow[] = await this.dataSource.query(
      'SELECT kid, created_at, public_jwk, private_jwk_sealed FROM sso_signing_key',
    );
    return rows.map((row) => ({
      kid: row.kid,
      createdAt: row.created_at.getTime(),
      publicJwk: row.public_jwk,
      privateJwkSealed: row.private_jwk_sealed,
    }));
  }

  /**
   * Adds a key unless another replica added one less than `minAgeMs` ago; replicas that rotate at the
   * same moment queue on one advisory lock, so each rotation adds one key.
   */
  async addUnlessNewerThan(key: Omit<StoredSigningKey, 'createdAt'>, minAgeMs: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('sso_signing_key'))`);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO sso_signing_key (kid, public_jwk, private_jwk_sealed)
         SELECT $1, $2, $3
         WHERE NOT EXISTS (
           SELECT 1 FROM sso_signing_key WHERE created_at > now() - make_interval(secs => $4::double precision / 1000)
         )
         RETURNING kid`,
        [key.kid, JSON.stringify(key.publicJwk), key.privateJwkSealed, minAgeMs],
      );
      return inserted.length > 0;
    });
  }

  async delete(kids: string[]): Promise<void> {
    if (kids.length > 0)
      await this.dataSource.query('DELETE FROM sso_signing_key WHERE kid = ANY($1)', [kids]);
  }
}
