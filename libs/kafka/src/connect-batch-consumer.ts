import { INestApplication } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { Registry } from 'prom-client';
import { Logger } from '@app/logging';
import { BatchConsumerServer } from './batch-consumer.server';
import { MessagePublisher } from './message.publisher';

export interface ConnectBatchConsumerOptions {
  groupId: string;
  topics: string[];
  logger: Logger;
}

/** Attaches a BatchConsumerServer to an app (after `app.init()`, so topics exist); started by startAllMicroservices. */
export function connectBatchConsumer(
  app: INestApplication,
  { groupId, topics, logger }: ConnectBatchConsumerOptions,
): void {
  const strategy = new BatchConsumerServer({
    kafka: app.get(Kafka),
    groupId,
    topics,
    deadLetters: app.get(MessagePublisher),
    logger,
    metrics: app.get(Registry, { strict: false }),
  });
  app.connectMicroservice({ strategy }, { inheritAppConfig: true });
}
