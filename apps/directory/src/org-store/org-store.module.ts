import { Module } from '@nestjs/common';
import { OrgReader } from './org-reader';
import { OrgWriter } from './org-writer';
import { OutboxWriter } from './outbox-writer';

/**
 * The org tree in PostgreSQL: `OrgWriter` (the one write path: rows + change log + outbox, in the
 * caller's transaction), `OrgReader` (current state, subtrees, history) and `OutboxWriter` (other
 * records to publish transactionally, e.g. commands). Needs the app's TypeORM `DataSource`.
 */
@Module({ providers: [OrgReader, OrgWriter, OutboxWriter], exports: [OrgReader, OrgWriter, OutboxWriter] })
export class OrgStoreModule {}
