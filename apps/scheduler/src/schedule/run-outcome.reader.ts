import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Outcomes of past full-sync runs, as far as the schedule's backoff needs them. */
export abstract class RunOutcomeReader {
  /** Failed runs since each IdP's last successful one; IdPs without failures may be absent. */
  abstract consecutiveFailures(idpIds: string[]): Promise<Map<string, number>>;
}

/**
 * Reads the directory's `sync_run` table with raw SQL, so the scheduler needs none of its entities. Runs held by
 * the deletion guard, still going, or dry runs count neither way.
 */
@Injectable()
export class SqlRunOutcomeReader extends RunOutcomeReader {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async consecutiveFailures(idpIds: string[]): Promise<Map<string, number>> {
    if (idpIds.length === 0) return new Map();
    const rows: { idp_id: string; failures: number }[] = await this.dataSource.query(
      `SELECT r.idp_id::text AS idp_id, count(*)::int AS failures
         FROM sync_run r
        WHERE r.idp_id = ANY($1::uuid[]) AND r.status = 'failed' AND NOT r.dry_run AND r.finished_at IS NOT NULL
          AND r.finished_at > COALESCE(
                (SELECT max(s.finished_at) FROM sync_run s
                  WHERE s.idp_id = r.idp_id AND s.status = 'succeeded' AND NOT s.dry_run),
                '-infinity')
        GROUP BY r.idp_id`,
      [idpIds],
    );
    return new Map(rows.map((row) => [row.idp_id, row.failures]));
  }
}
