import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A row of view `idp_sync_failure_streak` over the directory's `sync_run`. */
interface IdpSyncFailureStreakRow {
  idp_id: string;
  /** Failed runs since the IdP's last successful one; held runs, runs still going and dry runs count neither way. */
  failures: number;
}

/** Read by the scheduler on every tick, to back off an IdP whose full syncs keep failing. */
@Injectable()
export class IdpSyncFailureStreakReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Failures by IdP id; IdPs without a failure since their last success are absent. */
  async consecutiveFailures(idpIds: string[]): Promise<Map<string, number>> {
    if (idpIds.length === 0) return new Map();
    const rows: IdpSyncFailureStreakRow[] = await this.dataSource.query(
      `SELECT idp_id::text AS idp_id, failures FROM idp_sync_failure_streak WHERE idp_id = ANY($1::uuid[])`,
      [idpIds],
    );
    return new Map(rows.map((row) => [row.idp_id, row.failures]));
  }
}
