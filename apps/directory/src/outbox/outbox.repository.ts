import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** An unpublished `outbox` row, as the relay reads it (rows are written by the org store's OutboxWriter). */
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  value: string | null;
  headers: Record<string, string>;
  age_seconds: number;
}

/** The relay's side of the `outbox` table. Every method runs in the relay's transaction. */
@Injectable()
export class OutboxRepository {
  /**
   * Up to `limit` unpublished rows in id order, with their age; none unless this transaction takes the
   * relay's advisory lock, so that one relay at a time holds the outbox.
   */
  takeUnpublished(manager: EntityManager, limit: number): Promise<OutboxRow[]> {
    return manager.query(
      `SELECT id, topic, key, value, headers, extract(epoch FROM now() - created_at)::float8 AS age_seconds FROM outbox
       WHERE published_at IS NULL AND (SELECT pg_try_advisory_xact_lock(hashtext('larksync-outbox-relay')))
       ORDER BY id LIMIT $1`,
      [limit],
    );
  }

  /** Losing the mark in a database crash only republishes the rows: the commit need not wait for the disk. */
  async commitWithoutWaitingForDisk(manager: EntityManager): Promise<void> {
    await manager.query(`SET LOCAL synchronous_commit = off`);
  }

  async markPublished(manager: EntityManager, rows: readonly OutboxRow[]): Promise<void> {
    await manager.query(`UPDATE outbox SET published_at = now() WHERE id = ANY($1::bigint[])`, [
      rows.map((row) => row.id),
    ]);
  }

  /** Deletes rows published more than a day ago. */
  async prunePublished(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM outbox WHERE published_at < now() - interval '1 day'`);
  }
}
