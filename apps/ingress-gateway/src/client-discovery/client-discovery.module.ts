import { DynamicModule, Module } from '@nestjs/common';
import { EnterpriseIdentitySourceReader } from '@app/persistence';
import { ClientDiscoveryController } from './client-discovery.controller';
import { ClientDiscoveryMetrics } from './client-discovery.metrics';
import {
  CLIENT_DISCOVERY_OPTIONS,
  ClientDiscoveryOptions,
  ClientDiscoveryService,
} from './client-discovery.service';

/** `GET /api/enterprises/:identifier/identity-sources`: what the SASE client offers to sign in with. */
@Module({})
export class ClientDiscoveryModule {
  static forRoot(options: ClientDiscoveryOptions): DynamicModule {
    return {
      module: ClientDiscoveryModule,
      controllers: [ClientDiscoveryController],
      providers: [
        { provide: CLIENT_DISCOVERY_OPTIONS, useValue: options },
        EnterpriseIdentitySourceReader,
        ClientDiscoveryMetrics,
        ClientDiscoveryService,
      ],
    };
  }
}
