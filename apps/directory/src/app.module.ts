import { DynamicModule, Module } from '@nestjs/common';
import { parseMasterKeys } from '@app/config';
import { Logger } from '@app/logging';
import { coreModules, sessionKeyOf } from '@app/platform';
import { ApiCredentialsModule } from './api-credentials/api-credentials.module';
import { AuditModule } from './audit/audit.module';
import { DirectoryEnv } from './config/directory.config';
import { ConsoleModule } from './console/console.module';
import { CONSOLE_ROUTES } from './console/console.static';
import { DirectoryConfigModule } from './config/directory-config.module';
import { EnterprisesModule } from './enterprises/enterprises.module';
import { FullSyncModule } from './full-sync/full-sync.module';
import { IdpAdminModule } from './idp-admin/idp-admin.module';
import { OPENAPI_ROUTES } from './idp-admin/swagger';
import { OrgEventsModule } from './org-events/org-events.module';
import { OrgStoreModule } from './org-store';
import { OutboxModule } from './outbox/outbox.module';

@Module({})
export class AppModule {
  static register(config: DirectoryEnv, logger: Logger): DynamicModule {
    const sessionKey = sessionKeyOf(parseMasterKeys(config.masterKeys).current.key);
    return {
      module: AppModule,
      imports: [
        ...coreModules('directory', config, logger, {
          bootstrapAdminToken: config.LARKSYNC_ADMIN_TOKEN,
          publicRoutes: [OPENAPI_ROUTES, CONSOLE_ROUTES],
          sessionKey,
        }),
        ConsoleModule.register(sessionKey),
        DirectoryConfigModule.forRoot(config),
        OrgStoreModule,
        OutboxModule,
        OrgEventsModule,
        IdpAdminModule,
        EnterprisesModule,
        AuditModule,
        ApiCredentialsModule,
        FullSyncModule.register({
          masterKey: config.masterKeys,
          maxConcurrentRuns: config.FULL_SYNC_MAX_CONCURRENT_RUNS,
          larkBaseUrl: config.LARK_BASE_URL,
        }),
      ],
    };
  }
}
