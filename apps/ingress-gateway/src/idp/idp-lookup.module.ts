import { DynamicModule, Module } from '@nestjs/common';
import { IDP_LOOKUP_OPTIONS, IdpLookupOptions, IdpLookupService } from './idp-lookup.service';

@Module({})
export class IdpLookupModule {
  static forRoot(options: IdpLookupOptions): DynamicModule {
    return {
      module: IdpLookupModule,
      providers: [{ provide: IDP_LOOKUP_OPTIONS, useValue: options }, IdpLookupService],
      exports: [IdpLookupService],
    };
  }
}
