import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { ScheduleRunnerService } from './schedule-runner.service';
import { SchedulerMetrics } from './scheduler.metrics';
import { SCHEDULER_OPTIONS, SchedulerOptions } from './scheduler.options';

/**
 * Runs a scheduling pass every SCHEDULER_TICK_MS, one at a time, from boot until shutdown. Stopping waits for
 * the pass under way, so no claim is left half done by a graceful stop.
 */
@Injectable()
export class SchedulerTickService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;
  private ticks = 0;

  constructor(
    private readonly runner: ScheduleRunnerService,
    private readonly metrics: SchedulerMetrics,
    @Inject(SCHEDULER_OPTIONS) private readonly options: SchedulerOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Passes completed since boot. */
  get completedTicks(): number {
    return this.ticks;
  }

  onApplicationBootstrap(): void {
    this.logger.info(
      { instanceId: this.options.instanceId, tickMs: this.options.tickMs },
      'scheduler started',
    );
    this.scheduleNext(0);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.logger.info({ instanceId: this.options.instanceId, ticks: this.ticks }, 'scheduler stopped');
  }

  private scheduleNext(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
        this.scheduleNext(this.options.tickMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const { outcomes, failed } = await this.runner.runOnce();
      if (outcomes.published + outcomes.republished + failed > 0)
        this.logger.debug({ outcomes, failed }, 'scheduler tick');
    } catch (error) {
      this.metrics.tickFailed();
      this.logger.warn({ error: (error as Error).message }, 'scheduler tick failed; retrying next tick');
    }
    this.ticks += 1;
  }
}
