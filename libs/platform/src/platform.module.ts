import { DynamicModule, Global, InjectionToken, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { HealthController } from './health.controller';
import { createMetricsRegistry } from './metrics';
import { READINESS_CHECKS } from './readiness';

export interface PlatformModuleOptions {
  service: string;
  /** Providers of ReadinessCheck, resolved by injection token. */
  readinessChecks: InjectionToken[];
}

/** Health (`/health/live`, `/health/ready`) and Prometheus metrics (`/metrics`) for every app. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot({ service, readinessChecks }: PlatformModuleOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: [
        { provide: Registry, useValue: createMetricsRegistry(service) },
        { provide: READINESS_CHECKS, useFactory: (...checks: unknown[]) => checks, inject: readinessChecks },
      ],
      exports: [Registry],
    };
  }
}
