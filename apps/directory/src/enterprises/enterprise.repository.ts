import { Injectable } from '@nestjs/common';
import { isIdpId } from '@app/contracts';
import { DataSource, EntityManager } from 'typeorm';

/** A row of `enterprise`. */
export interface Enterprise {
  id: string;
  name: string;
  /** Canonical form (10 symbols, no separator). */
  authIdentifier: string;
  redirectSchemes: string[];
  isDefault: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

interface EnterpriseRow {
  id: string;
  name: string;
  auth_identifier: string;
  redirect_schemes: string[];
  is_default: boolean;
  created_at: Date;
  updated_at: Date;
  version: number;
}

const toEnterprise = (row: EnterpriseRow): Enterprise => ({
  id: row.id,
  name: row.name,
  authIdentifier: row.auth_identifier,
  redirectSchemes: row.redirect_schemes,
  isDefault: row.is_default,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  version: row.version,
});

/** Table `enterprise`, the directory's. Pass the transaction's `manager` to read and write inside it. */
@Injectable()
export class EnterpriseRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Oldest first (the default enterprise first). */
  async list(): Promise<Enterprise[]> {
    const rows: EnterpriseRow[] = await this.dataSource.query(
      'SELECT * FROM enterprise ORDER BY created_at, id',
    );
    return rows.map(toEnterprise);
  }

  /** Null for an unknown id (also one that is not a uuid); `lock` holds the row until the transaction ends. */
  async find(id: string, manager?: EntityManager, lock = false): Promise<Enterprise | null> {
    if (!isIdpId(id)) return null;
    const rows: EnterpriseRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT * FROM enterprise WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toEnterprise(rows[0]) : null;
  }

  async defaultId(manager?: EntityManager): Promise<string> {
    const rows: { id: string }[] = await (manager ?? this.dataSource.manager).query(
      'SELECT id FROM enterprise WHERE is_default',
    );
    return rows[0].id;
  }

  async insert(
    manager: EntityManager,
    fields: { name: string; authIdentifier: string; redirectSchemes: string[] },
  ): Promise<Enterprise> {
    const rows: EnterpriseRow[] = await manager.query(
      `INSERT INTO enterprise (name, auth_identifier, redirect_schemes) VALUES ($1, $2, $3) RETURNING *`,
      [fields.name, fields.authIdentifier, fields.redirectSchemes],
    );
    return toEnterprise(rows[0]);
  }

  async update(
    manager: EntityManager,
    id: string,
    fields: Partial<Pick<Enterprise, 'name' | 'authIdentifier' | 'redirectSchemes'>>,
  ): Promise<Enterprise> {
    // TypeORM answers an UPDATE with [rows, affected count].
    const [rows] = (await manager.query(
      `UPDATE enterprise
          SET name = COALESCE($2::text, name), auth_identifier = COALESCE($3::text, auth_identifier),
              redirect_schemes = COALESCE($4::text[], redirect_schemes), updated_at = now(), version = version + 1
        WHERE id = $1 RETURNING *`,
      [id, fields.name ?? null, fields.authIdentifier ?? null, fields.redirectSchemes ?? null],
    )) as [EnterpriseRow[], number];
    return toEnterprise(rows[0]);
  }
}
