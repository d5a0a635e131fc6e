import './instrument';
import { loadConfig } from '@app/config';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { serveConsole } from './console/console.static';
import { DirectoryEnv } from './config/directory.config';
import { connectDirectoryConsumer } from './consumer-transport';
import { setupSwagger } from './idp-admin/swagger';

void bootApp({
  service: 'directory',
  loadConfig: () => loadConfig(DirectoryEnv),
  module: (config, logger) => AppModule.register(config, logger),
  beforeListen: async (app, config, logger) => {
    setupSwagger(app);
    if (!(await serveConsole(app)))
      logger.warn('the console is not built (npm run build): /console not served');
    connectDirectoryConsumer(app, logger, { groupId: config.KAFKA_CONSUMER_GROUP });
  },
});
