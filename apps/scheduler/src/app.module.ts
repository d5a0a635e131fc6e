import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Logger } from '@app/logging';
import { coreModules } from '@app/platform';
import { SchedulerEnv } from './config/scheduler.config';
import { ScheduleModule } from './schedule/schedule.module';

@Module({})
export class AppModule {
  static register(config: SchedulerEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules('scheduler', config, logger),
        ScheduleModule.register({
          instanceId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
          tickMs: config.SCHEDULER_TICK_MS,
          claimTimeoutMs: config.SCHEDULER_CLAIM_TIMEOUT_MS,
        }),
      ],
    };
  }
}
