import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from './actor';
import { redactSecrets } from './redact-secrets';

export type AuditAction =
  | 'idp.created'
  | 'idp.updated'
  | 'idp.closed'
  | 'idp.deleted'
  | 'sync.triggered'
  | 'sync-run.approved'
  | 'sync-run.rejected'
  | 'credential.created'
  | 'credential.revoked'
  | 'enterprise.created'
  | 'enterprise.updated'
  | 'enterprise.identifier-regenerated';

/** What an action changed; `details` names changed secret fields, never their values. */
export interface AuditEntry {
  action: AuditAction;
  idpId?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: Record<string, unknown>;
}

export interface AuditRecord {
  id: string;
  at: string;
  action: AuditAction;
  idpId: string | null;
  targetId: string | null;
  credential: { id: string; name: string };
  address: string | null;
  requestId: string | null;
  traceId: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}

export interface AuditQuery {
  idpId?: string;
  /** A credential id or name. */
  actor?: string;
  since?: Date;
  /** Paging: records older than this record id. */
  beforeId?: string;
  limit: number;
}

interface AuditRow {
  id: string;
  at: Date;
  action: AuditAction;
  idp_id: string | null;
  target_id: string | null;
  credential_id: string;
  credential_name: string;
  address: string | null;
  request_id: string | null;
  trace_id: string | null;
  before: unknown;
  after: unknown;
  details: Record<string, unknown> | null;
}

const json = (value: unknown) =>
  value === undefined || value === null ? null : JSON.stringify(redactSecrets(value));

/** Table `audit_record`, owned by the directory: appended in the transaction of the change it records. */
@Injectable()
export class AuditRecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(manager: EntityManager, actor: Actor, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_record (action, idp_id, target_id, credential_id, credential_name, address, request_id, trace_id, before, after, details)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        entry.action,
        entry.idpId ?? null,
        entry.targetId ?? null,
        actor.credentialId,
        actor.credentialName,
        actor.address,
        actor.requestId,
        actor.traceId,
        json(entry.before),
        json(entry.after),
        json(entry.details),
      ],
    );
  }

  /** Newest first. */
  async query(query: AuditQuery): Promise<AuditRecord[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT * FROM audit_record
       WHERE ($1::uuid IS NULL OR idp_id = $1) AND ($2::text IS NULL OR credential_id = $2 OR credential_name = $2)
         AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::bigint IS NULL OR id < $4)
       ORDER BY id DESC LIMIT $5`,
      [query.idpId ?? null, query.actor ?? null, query.since ?? null, query.beforeId ?? null, query.limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      at: row.at.toISOString(),
      action: row.action,
      idpId: row.idp_id,
      targetId: row.target_id,
      credential: { id: row.credential_id, name: row.credential_name },
      address: row.address,
      requestId: row.request_id,
      traceId: row.trace_id,
      before: row.before,
      after: row.after,
      details: row.details,
    }));
  }

  /** Deletes up to `batch` records older than `days`; returns how many went. */
  async deleteOlderThan(days: number, batch: number): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `DELETE FROM audit_record WHERE id IN (
         SELECT id FROM audit_record WHERE at < now() - make_interval(days => $1) ORDER BY id LIMIT $2)`,
      [days, batch],
    )) as [unknown, number];
    return count;
  }
}
