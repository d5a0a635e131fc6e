import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOGGER, Logger } from '@app/logging';

/** Outcomes of past full-sync runs, as far as the schedule's backoff needs them. */
export abstract class RunOutcomeReader {
  /** Failed runs since each IdP's last successful one; IdPs without failures may be absent. */
  abstract consecutiveFailures(idpIds: string[]): Promise<Map<string, number>>;
}

/**
 * Reads the directory's `sync_run` table with raw SQL, so the scheduler needs none of its entities. Runs held by
 * the deletion guard or still going count neither way. Until the table exists, there is no backoff.
 */
@Injectable()
export class SqlRunOutcomeReader extends RunOutcomeReader {
  private warnedMissingTable = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async consecutiveFailures(idpIds: string[]): Promise<Map<string, number>> {
    if (idpIds.length === 0 || !(await this.hasSyncRunTable())) return new Map();
    const rows: { idp_id: string; failures: number }[] = await this.dataSource.query(
      `SELECT r.idp_id::text AS idp_id, count(*)::int AS failures
         FROM sync_run r
        WHERE r.idp_id::text = ANY($1) AND r.status = 'failed' AND r.finished_at IS NOT NULL
          AND r.finished_at > COALESCE(
                (SELECT max(s.finished_at) FROM sync_run s WHERE s.idp_id = r.idp_id AND s.status = 'succeeded'),
                '-infinity')
        GROUP BY r.idp_id`,
      [idpIds],
    );
    return new Map(rows.map((row) => [row.idp_id, row.failures]));
  }

  private async hasSyncRunTable(): Promise<boolean> {
    const [{ present }] = await this.dataSource.query(`SELECT to_regclass('sync_run') IS NOT NULL AS present`);
    if (!present && !this.warnedMissingTable) {
      this.warnedMissingTable = true;
      this.logger.warn('sync_run table not found: scheduling without backoff');
    }
    return present;
  }
}
