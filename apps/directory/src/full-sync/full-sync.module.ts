import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { OrgStoreModule } from '../org-store';
import { ConnectivityTestService } from './connectivity-test.service';
import { FullSyncCommandConsumer } from './full-sync.consumer';
import { FullSyncController } from './full-sync.controller';
import { FullSyncMetrics } from './full-sync.metrics';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { FullSyncService } from './full-sync.service';
import { DryRunService } from './dry-run.service';
import { InFlightRuns } from './in-flight-runs';
import { LarkClientFactory } from './lark-client.factory';
import { OrgSnapshotSource } from './org-snapshot.source';
import { RunApprovalService } from './run-approval.service';
import { RunHeartbeatService } from './run-heartbeat.service';
import { RunSlots } from './run-slots';
import { SyncApplier } from './sync.applier';
import { SyncDiffer } from './sync-differ';
import { SyncPipelineService } from './sync-pipeline.service';
import { SyncRunRepository } from './sync-run.repository';

/**
 * Full sync of an IdP's org from Lark: the `directory.commands.v1` consumer, the sync-run admin API and
 * the connectivity test. Needs the app's TypeORM DataSource, MessagePublisher, LOGGER and prom Registry.
 * A command is recorded by FullSyncService and run by SyncPipelineService (SyncDiffer reads and diffs,
 * SyncApplier writes); DryRunService and RunApprovalService are the API's other two ways into a run;
 * InFlightRuns are what RunHeartbeatService keeps alive, and it requeues the runs of stopped workers.
 */
@Module({})
export class FullSyncModule {
  static register(options: FullSyncOptions): DynamicModule {
    return {
      module: FullSyncModule,
      imports: [OrgStoreModule, AuditModule],
      controllers: [FullSyncController, FullSyncCommandConsumer],
      providers: [
        { provide: FULL_SYNC_OPTIONS, useValue: options },
        { provide: RunSlots, useValue: new RunSlots(options.maxConcurrentRuns ?? 4) },
        ConnectivityTestService,
        DryRunService,
        FullSyncMetrics,
        FullSyncService,
        InFlightRuns,
        LarkClientFactory,
        OrgSnapshotSource,
        RunApprovalService,
        RunHeartbeatService,
        SyncApplier,
        SyncDiffer,
        SyncPipelineService,
        SyncRunRepository,
      ],
      exports: [FullSyncService],
    };
  }
}
