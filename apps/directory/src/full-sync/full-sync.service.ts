import { Inject, Injectable } from '@nestjs/common';
import { FullSyncCommand } from '@app/contracts';
import { LOGGER, Logger } from '@app/logging';
import { InFlightRuns } from './in-flight-runs';
import { SyncPipelineService } from './sync-pipeline.service';
import { SyncRunRepository, SyncRunView } from './sync-run.repository';

/** Intake of full-sync commands (from `directory.commands.v1`): each recorded durably in sync_run, then run. */
@Injectable()
export class FullSyncService {
  constructor(
    private readonly runs: SyncRunRepository,
    private readonly pipeline: SyncPipelineService,
    private readonly inFlight: InFlightRuns,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Records the command durably and starts its run in the background (unless merged or already done). */
  async accept(command: FullSyncCommand): Promise<SyncRunView> {
    const { run, outcome } = await this.runs.enqueue(command);
    this.logger.info(
      { idpId: command.idpId, commandId: command.commandId, runId: run.id, outcome },
      'full-sync command recorded',
    );
    if (run.status === 'queued') this.pipeline.start(run.id);
    return run;
  }

  /** Resolves when every run this process started has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.inFlight.idle();
  }
}
