import { DynamicModule, Module } from '@nestjs/common';
import { kafkaBrokerList } from '@app/config';
import { KAFKA_READINESS, KafkaModule } from '@app/kafka';
import { Logger, LoggingModule } from '@app/logging';
import { DATABASE_READINESS, DatabaseModule } from '@app/persistence';
import { PlatformModule } from '@app/platform';
import { IngressGatewayEnv } from './config/ingress-gateway.config';

@Module({})
export class AppModule {
  static register(config: IngressGatewayEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logger),
        KafkaModule.forRoot({ brokers: kafkaBrokerList(config), clientId: 'larksync-ingress-gateway' }),
        DatabaseModule.forRoot(config.DATABASE_URL, 'larksync-ingress-gateway'),
        PlatformModule.forRoot({ service: 'ingress-gateway', readinessChecks: [KAFKA_READINESS, DATABASE_READINESS] }),
      ],
    };
  }
}
