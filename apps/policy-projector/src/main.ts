import './instrument';
import { loadConfig } from '@app/config';
import { Topics } from '@app/contracts';
import { BatchConsumerServer, MessagePublisher } from '@app/kafka';
import { bootApp } from '@app/platform';
import { Kafka } from 'kafkajs';
import { AppModule } from './app.module';
import { PolicyProjectorEnv, PROJECTOR_GROUP_ID } from './config/policy-projector.config';

void bootApp({
  service: 'policy-projector',
  loadConfig: () => loadConfig(PolicyProjectorEnv),
  module: (config, logger) => AppModule.register(config, logger),
  beforeListen: (app, _config, logger) => {
    const strategy = new BatchConsumerServer({
      kafka: app.get(Kafka),
      groupId: PROJECTOR_GROUP_ID,
      topics: [Topics.directoryChanges],
      deadLetters: app.get(MessagePublisher),
      logger,
    });
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  },
});
