import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Topics } from '@app/contracts';
import { BatchConsumerServer, MessagePublisher } from '@app/kafka';
import { Logger } from '@app/logging';

export const DIRECTORY_GROUP_ID = 'larksync-directory';

export interface ConsumerTransportOptions {
  /** Tests use their own group; production uses DIRECTORY_GROUP_ID. */
  groupId?: string;
  topics?: string[];
}

/** Attaches the Kafka batch consumer (lark.events.v1 → OrgEventsModule) to the app; start it with startAllMicroservices. */
export function connectDirectoryConsumer(app: INestApplication, logger: Logger, options: ConsumerTransportOptions = {}): void {
  const strategy = new BatchConsumerServer({
    kafka: app.get(Kafka),
    groupId: options.groupId ?? DIRECTORY_GROUP_ID,
    topics: options.topics ?? [Topics.larkEvents],
    deadLetters: app.get(MessagePublisher),
    logger,
  });
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
}
