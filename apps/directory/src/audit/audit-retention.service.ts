import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { AuditRecordRepository } from '@app/persistence';
import { PeriodicTask } from '@app/platform';
import { DirectoryEnv } from '../config/directory.config';

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 10_000;

/** Deletes audit records older than AUDIT_RETENTION_DAYS, hourly, a batch at a time. */
@Injectable()
export class AuditRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly pruning = new PeriodicTask(() => this.deleteExpired(), PRUNE_EVERY_MS);

  constructor(
    private readonly audit: AuditRecordRepository,
    private readonly config: DirectoryEnv,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

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
      for (let count = BATCH; count === BATCH; deleted += count) {
        count = await this.audit.deleteOlderThan(this.config.AUDIT_RETENTION_DAYS, BATCH);
      }
      if (deleted > 0) this.logger.info({ deleted }, 'expired audit records deleted');
    } catch (error) {
      this.logger.warn({ err: error, deleted }, 'audit records not pruned; next try in an hour');
    }
  }
}
