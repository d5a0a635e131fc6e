import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { FullSyncCommand, isIdpId, Topics } from '@app/contracts';
import { ConsumedBatch, PoisonMessageError } from '@app/kafka';
import { LOGGER, Logger } from '@app/logging';
import { IdpNotFoundError } from '../org-store';
import { FullSyncService } from './full-sync.service';

const TRIGGERS = ['scheduled', 'manual', 'scope-change'];

/** Parses a `directory.commands.v1` value; throws PoisonMessageError for anything that is not a valid command. */
export function parseFullSyncCommand(value: Buffer | null): FullSyncCommand {
  let parsed: Partial<FullSyncCommand>;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '') as Partial<FullSyncCommand>;
  } catch {
    throw new PoisonMessageError('command is not JSON');
  }
  if (parsed?.type !== 'full-sync')
    throw new PoisonMessageError(`unknown command type ${String(parsed?.type)}`);
  if (typeof parsed.commandId !== 'string' || parsed.commandId === '')
    throw new PoisonMessageError('commandId is required');
  if (!isIdpId(parsed.idpId)) throw new PoisonMessageError('idpId must be a uuid');
  if (!TRIGGERS.includes(parsed.reason as string))
    throw new PoisonMessageError(`reason must be one of ${TRIGGERS.join(', ')}`);
  const requestedAt =
    typeof parsed.requestedAt === 'string' && !Number.isNaN(Date.parse(parsed.requestedAt))
      ? parsed.requestedAt
      : new Date().toISOString();
  return { ...(parsed as FullSyncCommand), requestedAt, includeUsers: parsed.includeUsers !== false };
}

/** The `directory.commands.v1` consumer: records each command (durably) and lets the service run it. */
@Controller()
export class FullSyncCommandConsumer {
  constructor(
    private readonly service: FullSyncService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @EventPattern(Topics.directoryCommands)
  async handle(@Payload() batch: ConsumedBatch): Promise<void> {
    for (const message of batch.messages) {
      const command = parseFullSyncCommand(message.value);
      try {
        await this.service.accept(command);
      } catch (error) {
        if (!(error instanceof IdpNotFoundError) && (error as { code?: string }).code !== '23503')
          throw error;
        this.logger.warn(
          { idpId: command.idpId, commandId: command.commandId },
          'full-sync command for an unknown IdP skipped',
        );
      }
    }
  }
}
