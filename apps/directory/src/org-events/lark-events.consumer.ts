import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@app/contracts';
import { type ConsumedBatch, PoisonMessageError } from '@app/kafka';
import { LOGGER, Logger } from '@app/logging';
import { parseLarkEventsMessage } from './lark-events-message.parser';
import { OrgEventBatchService } from './org-event-batch.service';

/**
 * Consumer of `lark.events.v1`: parses and hands the batch over. A message that cannot be parsed throws
 * PoisonMessageError before anything is written, so the transport isolates and dead-letters it.
 */
@Controller()
export class LarkEventsConsumer {
  constructor(
    private readonly batches: OrgEventBatchService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(Topics.larkEvents)
  async onBatch(@Payload() batch: ConsumedBatch): Promise<void> {
    const events = batch.messages.map((message) => parseLarkEventsMessage(message));
    try {
      await this.batches.reconcileBatch(events);
    } catch (error) {
      // Nest's RPC filter hides the cause; log it before the transport retries the batch
      if (!(error instanceof PoisonMessageError))
        this.logger.warn({ err: error, size: events.length }, 'event batch failed');
      throw error;
    }
  }
}
