import { Inject, Injectable } from '@nestjs/common';
import { LOGGER, Logger } from '@app/logging';
import { AuditRecordRepository } from '@app/persistence';
import { RetentionTask } from '@app/platform';
import { DirectoryEnv } from '../config/directory.config';

/** Deletes audit records older than AUDIT_RETENTION_DAYS. */
@Injectable()
export class AuditRetentionService extends RetentionTask {
  constructor(
    private readonly audit: AuditRecordRepository,
    private readonly config: DirectoryEnv,
    @Inject(LOGGER) logger: Logger,
  ) {
    super('audit records', logger);
  }

  protected deleteBatch(limit: number): Promise<number> {
    return this.audit.deleteOlderThan(this.config.AUDIT_RETENTION_DAYS, limit);
  }
}
