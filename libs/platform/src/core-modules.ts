import { DynamicModule } from '@nestjs/common';
import { BaseEnv, kafkaBrokerList } from '@app/config';
import { KAFKA_READINESS, kafkaConnectionSecurity, KafkaModule } from '@app/kafka';
import { Logger, LoggingModule } from '@app/logging';
import { DATABASE_READINESS, DatabaseModule, postgresSsl } from '@app/persistence';
import { AccessModule } from './access/access.module';
import { AccessOptions } from './access/credential-verifier';
import { PlatformModule } from './platform.module';

/** What every app stands on: its logger, Kafka, PostgreSQL, health/metrics that check both, and access control. */
export function coreModules(
  service: string,
  config: BaseEnv,
  logger: Logger,
  access: AccessOptions = {},
): DynamicModule[] {
  return [
    LoggingModule.forRoot(logger),
    KafkaModule.forRoot({
      brokers: kafkaBrokerList(config),
      clientId: `larksync-${service}`,
      security: kafkaConnectionSecurity(config),
    }),
    DatabaseModule.forRoot(config.DATABASE_URL, `larksync-${service}`, postgresSsl(config)),
    PlatformModule.forRoot({ service, readinessChecks: [KAFKA_READINESS, DATABASE_READINESS] }),
    AccessModule.forRoot(access),
  ];
}
