import { Module } from '@nestjs/common';
import { OrgStoreModule } from '../org-store';
import { EntityEventApplier } from './handlers/entity-event.applier';
import {
  DepartmentCreatedHandler,
  DepartmentDeletedHandler,
  DepartmentUpdatedHandler,
  UserCreatedHandler,
  UserDeletedHandler,
  UserUpdatedHandler,
} from './handlers/entity-event.handlers';
import { ScopeUpdatedHandler } from './handlers/scope-updated.handler';
import { LarkEventsConsumer } from './lark-events.consumer';
import { OrgEventBatchService } from './org-event-batch.service';
import { ProcessedEventRetention } from './processed-event-retention';

/** Incremental reconciliation: the consumer of `lark.events.v1` and one handler per contact event type. */
@Module({
  imports: [OrgStoreModule],
  controllers: [LarkEventsConsumer],
  providers: [
    OrgEventBatchService,
    ProcessedEventRetention,
    EntityEventApplier,
    ScopeUpdatedHandler,
    DepartmentCreatedHandler,
    DepartmentUpdatedHandler,
    DepartmentDeletedHandler,
    UserCreatedHandler,
    UserUpdatedHandler,
    UserDeletedHandler,
  ],
})
export class OrgEventsModule {}
