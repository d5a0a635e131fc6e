import { INestApplication } from '@nestjs/common';
import { Topics } from '@app/contracts';
import { connectBatchConsumer } from '@app/kafka';
import { Logger } from '@app/logging';

export const DIRECTORY_GROUP_ID = 'larksync-directory';

export interface ConsumerTransportOptions {
  /** Tests use their own group; production uses DIRECTORY_GROUP_ID. */
  groupId?: string;
  topics?: string[];
}

/** Contact events (OrgEventsModule) and full-sync commands (FullSyncModule), in one consumer group. */
export function connectDirectoryConsumer(app: INestApplication, logger: Logger, options: ConsumerTransportOptions = {}): void {
  connectBatchConsumer(app, {
    groupId: options.groupId ?? DIRECTORY_GROUP_ID,
    topics: options.topics ?? [Topics.larkEvents, Topics.directoryCommands],
    logger,
  });
}
