import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { PeriodicTask } from '@app/platform';
import { ProcessedEventRepository } from './processed-event.repository';

/**
 * Lark redelivers an event for at most about 7 hours, and an older event that came again would be stale
 * against the row it once changed: applied event ids are kept 30 days, then deleted, a batch at a time.
 */
export const PROCESSED_EVENT_RETENTION_DAYS = 30;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 10_000;

@Injectable()
export class ProcessedEventRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pruning = new PeriodicTask(() => this.deleteExpired(), PRUNE_EVERY_MS);

  constructor(
    private readonly processedEvents: ProcessedEventRepository,
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
        count = await this.processedEvents.deleteAppliedBefore(PROCESSED_EVENT_RETENTION_DAYS, BATCH);
      }
      if (deleted > 0) this.logger.info({ deleted }, 'expired processed event ids deleted');
    } catch (error) {
      this.logger.warn({ err: error, deleted }, 'processed event ids not pruned; next try in an hour');
    }
  }
}
