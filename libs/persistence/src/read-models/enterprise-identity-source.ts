import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { IdpStatus } from '../entities/idp.entity';

/** One IdP of an enterprise, as the SASE client is offered it: view `enterprise_identity_source`. */
export interface IdentitySource {
  idpId: string;
  name: string;
  description: string;
  status: IdpStatus;
}

/** An enterprise as the gateway sees it: its identity sources and the redirect schemes its clients may use. */
export interface EnterpriseSignIn {
  enterpriseId: string;
  /** Canonical form. */
  authIdentifier: string;
  redirectSchemes: string[];
  /** Oldest first, closed ones included. */
  sources: IdentitySource[];
}

interface Row {
  enterprise_id: string;
  auth_identifier: string;
  redirect_schemes: string[];
  idp_id: string | null;
  idp_name: string | null;
  idp_description: string | null;
  idp_status: IdpStatus | null;
}

const COLUMNS =
  'enterprise_id, auth_identifier, redirect_schemes, idp_id, idp_name, idp_description, idp_status';

function toEnterprise(rows: Row[]): EnterpriseSignIn | null {
  if (!rows[0]) return null;
  return {
    enterpriseId: rows[0].enterprise_id,
    authIdentifier: rows[0].auth_identifier,
    redirectSchemes: rows[0].redirect_schemes,
    sources: rows
      .filter((row) => row.idp_id !== null)
      .map((row) => ({
        idpId: row.idp_id!,
        name: row.idp_name ?? '',
        description: row.idp_description ?? '',
        status: row.idp_status!,
      })),
  };
}

/** Read by the gateway, fresh each time: a regenerated identifier or a closed IdP applies at once. */
@Injectable()
export class EnterpriseIdentitySourceReader {
  constructor(private readonly dataSource: DataSource) {}

  /** `authIdentifier` in canonical form. */
  async findByIdentifier(authIdentifier: string): Promise<EnterpriseSignIn | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM enterprise_identity_source WHERE auth_identifier = $1 ORDER BY idp_created_at, idp_id`,
      [authIdentifier],
    );
    return toEnterprise(rows);
  }

  /** The enterprise of an IdP, with that IdP as its only source; `idpId` must be a UUID. */
  async findByIdp(idpId: string): Promise<EnterpriseSignIn | null> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM enterprise_identity_source WHERE idp_id = $1`,
      [idpId],
    );
    return toEnterprise(rows);
  }
}
