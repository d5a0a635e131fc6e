import { INestApplication } from '@nestjs/common';
import { Topics } from '@app/contracts';
import { connectBatchConsumer } from '@app/kafka';
import { Logger } from '@app/logging';

export interface ConsumerTransportOptions {
  groupId: string;
  topics?: string[];
}

/** Contact events (OrgEventsModule) and full-sync commands (FullSyncModule), in one consumer group. */
export function connectDirectoryConsumer(
  app: INestApplication,
  logger: Logger,
  options: ConsumerTransportOptions,
): void {
  connectBatchConsumer(app, {
    groupId: options.groupId,
    topics: options.topics ?? [Topics.larkEvents, Topics.directoryCommands],
    logger,
  });
}
