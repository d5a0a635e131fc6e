import { DynamicModule, Global, Module } from '@nestjs/common';
import { DirectoryEnv } from './directory.config';

/** Makes the validated DirectoryEnv injectable everywhere (never read process.env outside src/config). */
@Global()
@Module({})
export class DirectoryConfigModule {
  static forRoot(config: DirectoryEnv): DynamicModule {
    return {
      module: DirectoryConfigModule,
      providers: [{ provide: DirectoryEnv, useValue: config }],
      exports: [DirectoryEnv],
    };
  }
}
