import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DirectoryChange, Topics } from '@app/contracts';
import { ConsumedBatch, PoisonMessageError } from '@app/kafka';
import { parseDirectoryChange } from './directory-change.parser';
import { ProjectionService } from './projection.service';

/** Kafka entry of the projector: parses a partition batch of `directory.changes.v1` and hands it on. */
@Controller()
export class DirectoryChangesConsumer {
  constructor(private readonly projection: ProjectionService) {}

  @EventPattern(Topics.directoryChanges)
  async handle(@Payload() batch: ConsumedBatch): Promise<void> {
    const changes: DirectoryChange[] = [];
    for (const message of batch.messages) {
      const parsed = parseDirectoryChange(message.value);
      if ('problem' in parsed) throw new PoisonMessageError(`offset ${message.offset}: ${parsed.problem}`);
      changes.push(parsed.change);
    }
    await this.projection.projectBatch(changes);
  }
}
