import './instrument';
import { loadConfig } from '@app/config';
import { Topics } from '@app/contracts';
import { connectBatchConsumer } from '@app/kafka';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { PolicyProjectorEnv, PROJECTOR_GROUP_ID } from './config/policy-projector.config';

void bootApp({
  service: 'policy-projector',
  loadConfig: () => loadConfig(PolicyProjectorEnv),
  module: (config, logger) => AppModule.register(config, logger),
  beforeListen: (app, _config, logger) =>
    connectBatchConsumer(app, { groupId: PROJECTOR_GROUP_ID, topics: [Topics.directoryChanges], logger }),
});
