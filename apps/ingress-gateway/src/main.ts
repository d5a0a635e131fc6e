import './instrument';
import { loadConfig } from '@app/config';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { IngressGatewayEnv } from './config/ingress-gateway.config';
import { useJsonErrors } from './http/json-error.filter';

void bootApp({
  service: 'ingress-gateway',
  loadConfig: () => loadConfig(IngressGatewayEnv),
  module: (config, logger) => AppModule.register(config, logger),
  beforeListen: (app) => useJsonErrors(app),
});
