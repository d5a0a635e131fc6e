import { Module } from '@nestjs/common';
import { OrgStoreModule } from '../org-store';
import { IdpScopeRepository } from './idp-scope.repository';
import { LarkEventsConsumer } from './lark-events.consumer';
import { OrgEventBatchService } from './org-event-batch.service';
import { ProcessedEventRetentionService } from './processed-event-retention.service';
import { ProcessedEventRepository } from './processed-event.repository';

/**
 * Incremental reconciliation: the consumer of `lark.events.v1`, the batch it hands over, and the handling of
 * each contact event type (`contactEventHandlers` in `handlers/contact-event.handlers.ts`).
 */
@Module({
  imports: [OrgStoreModule],
  controllers: [LarkEventsConsumer],
  providers: [
    OrgEventBatchService,
    ProcessedEventRetentionService,
    ProcessedEventRepository,
    IdpScopeRepository,
  ],
})
export class OrgEventsModule {}
