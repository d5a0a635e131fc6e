import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LOGGER, Logger } from '@app/logging';
import { PeriodicTask } from '@app/platform';

/**
 * Lark redelivers an event for at most about 7 hours, and an older event that came again would be stale
 * against the row it once changed: applied event ids are kept 30 days, then deleted, a batch at a time.
 */
export const PROCESSED_EVENT_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 10_000;

@Injectable()
export class ProcessedEventRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pruning = new PeriodicTask(() => this.deleteExpired(), PRUNE_EVERY_MS);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.pruning.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pruning.stop();
  }

  /** Deletes the event ids applied more than the retention ago. */
  prune(): Promise<void> {
    return this.pruning.run();
  }

  private async deleteExpired(): Promise<void> {
    let deleted = 0;
    try {
      for (let count = BATCH; count === BATCH; deleted += count) {
        const [, affected] = (await this.dataSource.query(
          `DELETE FROM processed_event WHERE (idp_id, event_id) IN (
             SELECT idp_id, event_id FROM processed_event
             WHERE processed_at < now() - make_interval(days => $1) LIMIT $2)`,
          [PROCESSED_EVENT_RETENTION_DAYS, BATCH],
        )) as [unknown, number];
        count = affected;
      }
      if (deleted > 0) this.logger.info({ deleted }, 'expired processed event ids deleted');
    } catch (error) {
      this.logger.warn({ err: error, deleted }, 'processed event ids not pruned; next try in an hour');
    }
  }
}
