import './instrument';
import { loadConfig } from '@app/config';
import { Topics } from '@app/contracts';
import { connectBatchConsumer } from '@app/kafka';
import { bootApp } from '@app/platform';
import { AppModule } from './app.module';
import { PolicyProjectorEnv } from './config/policy-projector.config';

void bootApp({
  service: 'policy-projector',
  loadConfig: () => loadConfig(PolicyProjectorEnv),
  module: (config, logger) => AppModule.register(config, logger),
  beforeListen: (app, config, logger) =>
    connectBatchConsumer(app, {
      groupId: config.KAFKA_CONSUMER_GROUP,
      topics: [Topics.directoryChanges],
      logger,
    }),
});
