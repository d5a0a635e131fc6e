import { DynamicModule, Module } from '@nestjs/common';
import { DirectoryStandingRepository } from './directory-standing.repository';
import { LARK_OAUTH_CLIENT_OPTIONS, LarkOAuthClient, LarkOAuthClientOptions } from './lark-oauth.client';
import { SsoMetrics } from './sso-metrics';
import { SsoController } from './sso.controller';
import { SSO_OPTIONS, SsoOptions, SsoService } from './sso.service';

export interface SsoModuleOptions {
  sso: SsoOptions;
  lark: LarkOAuthClientOptions;
}

/** Sign-in with Lark (OAuth 2.0 code + PKCE) into a SASE session for active directory users. */
@Module({})
export class SsoModule {
  static forRoot(options: SsoModuleOptions): DynamicModule {
    return {
      module: SsoModule,
      controllers: [SsoController],
      providers: [
        { provide: SSO_OPTIONS, useValue: options.sso },
        { provide: LARK_OAUTH_CLIENT_OPTIONS, useValue: options.lark },
        LarkOAuthClient,
        DirectoryStandingRepository,
        SsoMetrics,
        SsoService,
      ],
    };
  }
}
