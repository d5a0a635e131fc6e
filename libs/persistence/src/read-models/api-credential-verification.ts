import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CredentialRole } from '../credentials/api-credential.repository';

/** What verifying a presented secret needs of a credential: view `api_credential_verification`. */
export interface CredentialForVerification {
  id: string;
  name: string;
  role: CredentialRole;
  idpIds: string[] | null;
  secretSha256: Buffer;
  expiresAt: number | null;
  revokedAt: number | null;
}

interface VerificationRow {
  id: string;
  name: string;
  role: CredentialRole;
  idp_ids: string[] | null;
  secret_sha256: Buffer;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/**
 * Read by the access control of every app with protected routes (the directory and the projector); a credential's
 * last use is recorded through `api_credential_used`, the one write the view's readers are granted.
 */
@Injectable()
export class CredentialVerificationReader {
  constructor(private readonly dataSource: DataSource) {}

  async find(id: string): Promise<CredentialForVerification | undefined> {
    const [row]: VerificationRow[] = await this.dataSource.query(
      `SELECT id, name, role, idp_ids, secret_sha256, expires_at, revoked_at FROM api_credential_verification WHERE id = $1`,
      [id],
    );
    return (
      row && {
        id: row.id,
        name: row.name,
        role: row.role,
        idpIds: row.idp_ids,
        secretSha256: row.secret_sha256,
        expiresAt: row.expires_at?.getTime() ?? null,
        revokedAt: row.revoked_at?.getTime() ?? null,
      }
    );
  }

  async recordUse(id: string): Promise<void> {
    await this.dataSource.query('SELECT api_credential_used($1)', [id]);
  }
}
