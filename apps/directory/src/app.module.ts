import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from '@app/logging';
import { AdminTokenModule, coreModules } from '@app/platform';
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
        ...coreModules('directory', config, logger),
        DirectoryConfigModule.forRoot(config),
        AdminTokenModule.forRoot(config.LARKSYNC_ADMIN_TOKEN),
        OrgStoreModule,
        OutboxModule,
        OrgEventsModule,
        IdpAdminModule,
        FullSyncModule.register({
          masterKey: config.masterKeys,
          maxConcurrentRuns: config.FULL_SYNC_MAX_CONCURRENT_RUNS,
          larkBaseUrl: config.LARK_BASE_URL,
        }),
      ],
    };
  }
}
