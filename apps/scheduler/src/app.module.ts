import { DynamicModule, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { kafkaBrokerList } from '@app/config';
import { KAFKA_READINESS, KafkaModule } from '@app/kafka';
import { Logger, LoggingModule } from '@app/logging';
import { DATABASE_READINESS, DatabaseModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { SchedulerEnv } from './config/scheduler.config';
import { ScheduleModule } from './schedule/schedule.module';

@Module({})
export class AppModule {
  static register(config: SchedulerEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logger),
        KafkaModule.forRoot({ brokers: kafkaBrokerList(config), clientId: 'larksync-scheduler' }),
        DatabaseModule.forRoot(config.DATABASE_URL, 'larksync-scheduler'),
        PlatformModule.forRoot({
          service: 'scheduler',
          readinessChecks: [KAFKA_READINESS, DATABASE_READINESS],
        }),
        ScheduleModule.register({
          instanceId: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
          tickMs: config.SCHEDULER_TICK_MS,
          claimTimeoutMs: config.SCHEDULER_CLAIM_TIMEOUT_MS,
        }),
      ],
    };
  }
}
