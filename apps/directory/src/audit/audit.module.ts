import { Module } from '@nestjs/common';
import { AuditRecordRepository } from '@app/persistence';
import { AuditRetentionService } from './audit-retention.service';
import { AuditController } from './audit.controller';

/** The audit trail: written by the admin services in their transactions, read at /api/audit, pruned by age. */
@Module({
  controllers: [AuditController],
  providers: [AuditRecordRepository, AuditRetentionService],
  exports: [AuditRecordRepository],
})
export class AuditModule {}
