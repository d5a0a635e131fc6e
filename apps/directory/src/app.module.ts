import { DynamicModule, Module } from '@nestjs/common';
import { kafkaBrokerList } from '@app/config';
import { KAFKA_READINESS, KafkaModule } from '@app/kafka';
import { Logger, LoggingModule } from '@app/logging';
import { DATABASE_READINESS, DatabaseModule } from '@app/persistence';
import { AdminTokenModule, PlatformModule } from '@app/platform';
import { DirectoryEnv } from './config/directory.config';
import { DirectoryConfigModule } from './config/directory-config.module';
import { FullSyncModule } from './full-sync/full-sync.module';
import { IdpAdminModule } from './idp-admin/idp-admin.module';
import { OrgEventsModule } from './org-events/org-events.module';
import { OrgStoreModule } from './org-store';
import { OutboxModule } from './outbox/outbox.module';

@Module({})
export class AppModule {
  static register(config: DirectoryEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggingModule.forRoot(logger),
        DirectoryConfigModule.forRoot(config),
        KafkaModule.forRoot({ brokers: kafkaBrokerList(config), clientId: 'larksync-directory' }),
        DatabaseModule.forRoot(config.DATABASE_URL, 'larksync-directory'),
        PlatformModule.forRoot({ service: 'directory', readinessChecks: [KAFKA_READINESS, DATABASE_READINESS] }),
        AdminTokenModule.forRoot(config.LARKSYNC_ADMIN_TOKEN),
        OrgStoreModule,
        OutboxModule,
        OrgEventsModule,
        IdpAdminModule,
        FullSyncModule.register({
          masterKey: config.LARKSYNC_MASTER_KEY,
          larkBaseUrl: config.LARK_BASE_URL,
        }),
      ],
    };
  }
}
