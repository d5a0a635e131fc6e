import { Module } from '@nestjs/common';
import { IdpRepository } from './idp.repository';
import { OrgReader } from './org.reader';
import { OrgWriter } from './org.writer';
import { OutboxWriter } from './outbox.writer';

/**
 * The directory's tables in PostgreSQL: `OrgWriter` (the one write path of the org tree: rows + change log
 * + outbox, in the caller's transaction), `OrgReader` (current state, subtrees, history), `OutboxWriter`
 * (other records to publish transactionally, e.g. commands) and `IdpRepository` (the IdPs' configuration).
 * Needs the app's TypeORM `DataSource`.
 */
const repositories = [IdpRepository, OrgReader, OrgWriter, OutboxWriter];

@Module({ providers: repositories, exports: repositories })
export class OrgStoreModule {}
