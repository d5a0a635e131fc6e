import { DynamicModule, Global, Module } from '@nestjs/common';
import { ADMIN_TOKEN, AdminTokenGuard } from './admin-token.guard';

/** Provides the admin bearer token and its guard to every HTTP module of the app. */
@Global()
@Module({})
export class AdminTokenModule {
  static forRoot(token: string): DynamicModule {
    return { module: AdminTokenModule, providers: [{ provide: ADMIN_TOKEN, useValue: token }, AdminTokenGuard], exports: [ADMIN_TOKEN, AdminTokenGuard] };
  }
}
