import { DynamicModule, Module } from '@nestjs/common';
import { kafkaBrokerList } from '@app/config';
import { KAFKA_READINESS, KafkaModule } from '@app/kafka';
import { Logger, LoggingModule } from '@app/logging';
import { DATABASE_READINESS, DatabaseModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { PolicyProjectorEnv } from './config/policy-projector.config';
import { ProjectionModule } from './projection/projection.module';
import { AdminTokenModule } from './query/admin-token.module';
import { QueryModule } from './query/query.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { ScimModule } from './scim/scim.module';

@Module({})
export class AppModule {
  static register(config: PolicyProjectorEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logger),
        KafkaModule.forRoot({ brokers: kafkaBrokerList(config), clientId: 'larksync-policy-projector' }),
        DatabaseModule.forRoot(config.DATABASE_URL, 'larksync-policy-projector'),
        PlatformModule.forRoot({ service: 'policy-projector', readinessChecks: [KAFKA_READINESS, DATABASE_READINESS] }),
        AdminTokenModule.forRoot(config.LARKSYNC_ADMIN_TOKEN),
        ProjectionModule,
        QueryModule,
        ScimModule,
        RebuildModule,
      ],
    };
  }
}
