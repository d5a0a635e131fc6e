import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { RetentionTask } from '@app/platform';
import { ProcessedEventRepository } from './processed-event.repository';

/**
 * Lark redelivers an event for at most about 7 hours, and an older event that came again would be stale
 * against the row it once changed: applied event ids are kept 30 days, then deleted.
 */
export const PROCESSED_EVENT_RETENTION_DAYS = 30;

@Injectable()
export class ProcessedEventRetentionService extends RetentionTask {
  constructor(
    private readonly processedEvents: ProcessedEventRepository,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('processed event ids', logger);
  }

  protected deleteBatch(limit: number): Promise<number> {
    return this.processedEvents.deleteAppliedBefore(PROCESSED_EVENT_RETENTION_DAYS, limit);
  }
}
