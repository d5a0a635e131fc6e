import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from '@app/logging';
import { PeriodicTask } from './periodic-task';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 10_000;

/** Deletes expired rows hourly, a batch at a time, until a batch comes back short; a failure waits for the next hour. */
export abstract class RetentionTask implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pruning = new PeriodicTask(() => this.deleteExpired(), PRUNE_EVERY_MS);

  protected constructor(
    private readonly what: string,
    private readonly log: Logger,
  ) {}

  /** Deletes at most `limit` expired rows; returns how many went. */
  protected abstract deleteBatch(limit: number): Promise<number>;

  onApplicationBootstrap(): void {
    this.pruning.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pruning.stop();
  }

  prune(): Promise<void> {
    return this.pruning.run();
  }

  private async deleteExpired(): Promise<void> {
    let deleted = 0;
    try {
      for (let count = BATCH; count === BATCH; deleted += count) count = await this.deleteBatch(BATCH);
      if (deleted > 0) this.log.info({ deleted }, `expired ${this.what} deleted`);
    } catch (error) {
      this.log.warn({ err: error, deleted }, `${this.what} not pruned; next try in an hour`);
    }
  }
}
