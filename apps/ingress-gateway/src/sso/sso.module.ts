import { DynamicModule, Module } from '@nestjs/common';
import { EnterpriseIdentitySourceReader, SignInStandingReader } from '@app/persistence';
import { ClientCodeRepository } from './client-code.repository';
import { ClientTokenController } from './client-token.controller';
import { ClientTokenService } from './client-token.service';
import { LARK_OAUTH_CLIENT_OPTIONS, LarkOAuthClient, LarkOAuthClientOptions } from './lark-oauth.client';
import { SessionsModule, SessionsModuleOptions } from '../sessions/sessions.module';
import { SessionIntrospectionController } from './session-introspection.controller';
import { SessionIntrospectionService } from './session-introspection.service';
import { SsoMetrics } from './sso.metrics';
import { SsoController } from './sso.controller';
import { SSO_OPTIONS, SsoOptions, SsoService } from './sso.service';

export interface SsoModuleOptions {
  sso: SsoOptions;
  lark: LarkOAuthClientOptions;
  sessions: SessionsModuleOptions;
}

/** Sign-in with Lark (OAuth 2.0 code + PKCE) into a SASE session for active directory users, and its introspection. */
@Module({})
export class SsoModule {
  static forRoot(options: SsoModuleOptions): DynamicModule {
    return {
      module: SsoModule,
      imports: [SessionsModule.forRoot(options.sessions)],
      controllers: [SsoController, ClientTokenController, SessionIntrospectionController],
      providers: [
        { provide: SSO_OPTIONS, useValue: options.sso },
        { provide: LARK_OAUTH_CLIENT_OPTIONS, useValue: options.lark },
        LarkOAuthClient,
        SignInStandingReader,
        EnterpriseIdentitySourceReader,
        ClientCodeRepository,
        ClientTokenService,
        SsoMetrics,
        SsoService,
        SessionIntrospectionService,
      ],
    };
  }
}
