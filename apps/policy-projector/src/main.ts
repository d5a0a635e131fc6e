import './instrument';
import { loadConfig } from '@app/config';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { PolicyProjectorEnv } from './config/policy-projector.config';

void bootApp({
  service: 'policy-projector',
  loadConfig: () => loadConfig(PolicyProjectorEnv),
  module: (config, logger) => AppModule.register(config, logger),
});
