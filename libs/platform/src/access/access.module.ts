import { DynamicModule, Global, Module } from '@nestjs/common';
import { CredentialVerificationReader } from '@app/persistence';
import { AccessControl } from './access-control';
import { ACCESS_OPTIONS, AccessOptions, CredentialVerifier } from './credential-verifier';

/** Access control of every route of the app (see AccessControl); needs the app's DataSource, Registry and LOGGER. */
@Global()
@Module({})
export class AccessModule {
  static forRoot(options: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      providers: [
        { provide: ACCESS_OPTIONS, useValue: options },
        CredentialVerificationReader,
        CredentialVerifier,
        AccessControl,
      ],
      exports: [AccessControl, CredentialVerifier],
    };
  }
}
