import { Inject, Injectable } from '@nestjs/common';
import { directoryCommandRecord, FullSyncCommand, Topics } from '@app/contracts';
import { MessagePublisher } from '@app/kafka';

/** Where scheduled commands go: `directory.commands.v1` in production, a private topic in tests. */
export const COMMAND_TOPIC = Symbol('COMMAND_TOPIC');
export const DEFAULT_COMMAND_TOPIC = Topics.directoryCommands;

/** Publishes full-sync commands keyed by idpId; resolves once Kafka acknowledged them. */
@Injectable()
export class FullSyncCommandPublisher {
  constructor(
    private readonly publisher: MessagePublisher,
    @Inject(COMMAND_TOPIC) private readonly topic: string,
  ) {}

  publish(command: FullSyncCommand): Promise<void> {
    return this.publisher.publish(this.topic, [directoryCommandRecord(command)]);
  }
}
