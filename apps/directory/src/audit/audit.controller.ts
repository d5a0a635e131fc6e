import { Controller, Get, Query } from '@nestjs/common';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuditRecord, AuditRecordRepository } from '@app/persistence';
import { RequiresRole } from '@app/platform';
import { invalidInput } from '../idp-admin/validation.pipe';
import { AuditQueryParams, parseAuditQuery } from './audit-query.parser';

/** The audit trail of admin actions, newest first, a page at a time. */
@ApiTags('audit')
@RequiresRole('viewer')
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditRecordRepository) {}

  @Get()
  @ApiQuery({ name: 'idpId', required: false })
  @ApiQuery({ name: 'actor', required: false, description: 'a credential id or name' })
  @ApiQuery({ name: 'since', required: false, description: 'ISO 8601 time' })
  @ApiQuery({ name: 'cursor', required: false, description: 'nextCursor of the previous page' })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  async list(
    @Query() params: AuditQueryParams,
  ): Promise<{ records: AuditRecord[]; nextCursor: string | null }> {
    const query = parseAuditQuery(params);
    if (Array.isArray(query)) throw invalidInput(query);
    const records = await this.audit.query(query);
    return { records, nextCursor: records.length === query.limit ? records[records.length - 1].id : null };
  }
}
