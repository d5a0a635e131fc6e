import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The ids of applied Lark events (`processed_event`), claimed by the batch through `OrgWriter.claimEvents`. */
@Injectable()
export class ProcessedEventRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Deletes at most `limit` ids applied more than `days` ago; returns how many it deleted. */
  async deleteAppliedBefore(days: number, limit: number): Promise<number> {
    const [, deleted] = (await this.dataSource.query(
      `DELETE FROM processed_event WHERE (idp_id, event_id) IN (
         SELECT idp_id, event_id FROM processed_event
         WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)`,
      [days, limit],
    )) as [unknown, number];
    return deleted;
  }
}
