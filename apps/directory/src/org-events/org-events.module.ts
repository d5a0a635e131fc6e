import { Module } from '@nestjs/common';
import { OrgStoreModule } from '../org-store';
import { IdpScopeRepository } from './idp-scope.repository';
import { LarkEventsConsumer } from './lark-events.consumer';
import { OrgEventBatchService } from './org-event-batch.service';
import { ProcessedEventRetention } from './processed-event-retention';

/**
 * Incremental reconciliation: the consumer of `lark.events.v1`, the batch it hands over, and the handling of
 * each contact event type (`contactEventHandlers` in `handlers/contact-event.handlers.ts`).
 */
@Module({
  imports: [OrgStoreModule],
  controllers: [LarkEventsConsumer],
  providers: [OrgEventBatchService, ProcessedEventRetention, IdpScopeRepository],
})
export class OrgEventsModule {}
