import { DynamicModule, Module } from '@nestjs/common';
import { IdpSyncFailureStreakReader, IdpSyncScheduleReader } from '@app/persistence';
import { Clock, SystemClock } from './clock';
import {
  COMMAND_TOPIC,
  DEFAULT_COMMAND_TOPIC,
  FullSyncCommandPublisher,
} from './full-sync-command.publisher';
import { ScheduleRunnerService } from './schedule-runner.service';
import { ScheduleSlotRepository } from './schedule-slot.repository';
import { SchedulerTickService } from './scheduler-tick.service';
import { SchedulerMetrics } from './scheduler.metrics';
import { SCHEDULER_OPTIONS, SchedulerOptions } from './scheduler.options';

/** Scheduled full-sync commands: the tick loop and everything it reads, claims and publishes. */
@Module({})
export class ScheduleModule {
  static register(options: SchedulerOptions): DynamicModule {
    return {
      module: ScheduleModule,
      providers: [
        { provide: SCHEDULER_OPTIONS, useValue: options },
        { provide: COMMAND_TOPIC, useValue: DEFAULT_COMMAND_TOPIC },
        { provide: Clock, useClass: SystemClock },
        IdpSyncScheduleReader,
        IdpSyncFailureStreakReader,
        ScheduleSlotRepository,
        FullSyncCommandPublisher,
        SchedulerMetrics,
        ScheduleRunnerService,
        SchedulerTickService,
      ],
      exports: [SchedulerTickService],
    };
  }
}
