import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export const CREDENTIAL_ROLES = ['admin', 'operator', 'viewer', 'policy-reader'] as const;
export type CredentialRole = (typeof CREDENTIAL_ROLES)[number];

/** An API credential as the admin API lists it: never its secret, nor the secret's hash. */
export interface ApiCredential {
  id: string;
  name: string;
  role: CredentialRole;
  /** The IdPs it is limited to; null: every IdP (or those of its enterprise). */
  idpIds: string[] | null;
  /** The enterprise whose IdPs it is limited to; null: not limited to one. */
  enterpriseId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface NewApiCredential {
  id: string;
  name: string;
  role: CredentialRole;
  idpIds: string[] | null;
  enterpriseId: string | null;
  secretSha256: Buffer;
  expiresAt: Date | null;
}

interface ApiCredentialRow {
  id: string;
  name: string;
  role: CredentialRole;
  idp_ids: string[] | null;
  enterprise_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const COLUMNS = 'id, name, role, idp_ids, enterprise_id, created_at, expires_at, revoked_at, last_used_at';
const iso = (value: Date | null) => value?.toISOString() ?? null;

function toCredential(row: ApiCredentialRow): ApiCredential {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    idpIds: row.idp_ids,
    enterpriseId: row.enterprise_id,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

/** Table `api_credential`, owned by the directory; other apps verify through `api_credential_verification`. */
@Injectable()
export class ApiCredentialRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, credential: NewApiCredential): Promise<ApiCredential> {
    const [row]: ApiCredentialRow[] = await manager.query(
      `INSERT INTO api_credential (id, name, role, idp_ids, secret_sha256, expires_at, enterprise_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [
        credential.id,
        credential.name,
        credential.role,
        credential.idpIds,
        credential.secretSha256,
        credential.expiresAt,
        credential.enterpriseId,
      ],
    );
    return toCredential(row);
  }

  async list(): Promise<ApiCredential[]> {
    const rows: ApiCredentialRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM api_credential ORDER BY created_at, id`,
    );
    return rows.map(toCredential);
  }

  async find(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ApiCredential | undefined> {
    const [row]: ApiCredentialRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM api_credential WHERE id = $1`,
      [id],
    );
    return row && toCredential(row);
  }

  /** Revokes a live credential; undefined when there is none by that id or it was already revoked. */
  async revoke(manager: EntityManager, id: string): Promise<ApiCredential | undefined> {
    const [rows] = (await manager.query(
      `UPDATE api_credential SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
      [id],
    )) as [ApiCredentialRow[], number];
    return rows[0] && toCredential(rows[0]);
  }
}
