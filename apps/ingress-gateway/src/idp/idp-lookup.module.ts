import { DynamicModule, Global, Module } from '@nestjs/common';
import { IdpLarkConnectionReader } from '@app/persistence';
import { IDP_LOOKUP_OPTIONS, IdpLookupOptions, IdpLookupService } from './idp-lookup.service';

/** One cache of IdPs for the webhook and SSO. */
@Global()
@Module({})
export class IdpLookupModule {
  static forRoot(options: IdpLookupOptions): DynamicModule {
    return {
      module: IdpLookupModule,
      providers: [
        { provide: IDP_LOOKUP_OPTIONS, useValue: options },
        IdpLarkConnectionReader,
        IdpLookupService,
      ],
      exports: [IdpLookupService],
    };
  }
}
