import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from '@app/logging';
import { coreModules } from '@app/platform';
import { PolicyProjectorEnv } from './config/policy-projector.config';
import { ProjectionModule } from './projection/projection.module';
import { QueryModule } from './query/query.module';
import { RebuildModule } from './rebuild/rebuild.module';
import { ScimModule } from './scim/scim.module';

@Module({})
export class AppModule {
  static register(config: PolicyProjectorEnv, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...coreModules('policy-projector', config, logger, {
          bootstrapAdminToken: config.LARKSYNC_ADMIN_TOKEN,
        }),
        ProjectionModule,
        QueryModule,
        ScimModule,
        RebuildModule,
      ],
    };
  }
}
