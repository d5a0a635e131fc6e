import './instrument';
import { loadConfig } from '@app/config';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { DirectoryEnv } from './config/directory.config';

void bootApp({
  service: 'directory',
  loadConfig: () => loadConfig(DirectoryEnv),
  module: (config, logger) => AppModule.register(config, logger),
});
