import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { PeriodicTask } from '@app/platform';
import { FULL_SYNC_OPTIONS, FullSyncOptions } from './full-sync.options';
import { FullSyncMetrics } from './full-sync.metrics';
import { InFlightRuns } from './in-flight-runs';
import { SyncPipelineService } from './sync-pipeline.service';
import { SyncRunRepository } from './sync-run.repository';

/**
 * Every instance keeps its runs alive with a heartbeat and queues again the runs of workers that stopped.
 * At shutdown it stops beating and waits for this process's runs to end.
 */
@Injectable()
export class RunHeartbeatService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly heartbeat: PeriodicTask;

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly inFlight: InFlightRuns,
    private readonly pipeline: SyncPipelineService,
    private readonly metrics: FullSyncMetrics,
    @Inject(FULL_SYNC_OPTIONS) options: FullSyncOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.heartbeat = new PeriodicTask(() => this.keepAlive(), options.heartbeatMs ?? 10_000);
  }

  onApplicationBootstrap(): void {
    this.heartbeat.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.heartbeat.stop();
    await this.inFlight.idle();
  }

  /** Marks this process's runs alive, then takes over the runs of workers that stopped. */
  private async keepAlive(): Promise<void> {
    try {
      const own = this.inFlight.ids();
      await this.runs.heartbeat(own);
      // own runs excluded too: the touch and this check are two statements, and a row can look stale between them
      const { interrupted, requeued } = await this.runs.requeueInterrupted(own);
      this.metrics.interrupted.inc(interrupted);
      for (const runId of requeued) {
        this.logger.warn({ runId }, 'full sync queued again: the worker of its previous attempt stopped');
        this.pipeline.start(runId);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'full-sync heartbeat failed');
    }
  }
}
