import './instrument';
import { loadConfig } from '@app/config';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { DirectoryEnv } from './config/directory.config';
import { connectDirectoryConsumer } from './consumer-transport';
import { setupSwagger } from './idp-admin/swagger';

void bootApp({
  service: 'directory',
  loadConfig: () => loadConfig(DirectoryEnv),
  module: (config, logger) => AppModule.register(config, logger),
  beforeListen: (app, config, logger) => {
    setupSwagger(app);
    connectDirectoryConsumer(app, logger, { groupId: config.KAFKA_CONSUMER_GROUP });
  },
});
