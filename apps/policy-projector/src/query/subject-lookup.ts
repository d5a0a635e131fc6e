import { Injectable } from '@nestjs/common';
import { etagOf } from './etag';
import { ProjectionQueryRepository } from './projection-query.repository';
import { ServedSubject, SubjectDocumentCache } from './subject-document-cache';

/** Subject documents as the HTTP API sends them, from the cache or else from the table. */
@Injectable()
export class SubjectLookup {
  constructor(
    private readonly query: ProjectionQueryRepository,
    private readonly cache: SubjectDocumentCache,
  ) {}

  find(idpId: string, openId: string): Promise<ServedSubject | null> {
    return this.cache.lookup(idpId, openId, async () => {
      const document = await this.query.subject(idpId, openId);
      return document && { etag: etagOf(document.version), body: Buffer.from(JSON.stringify(document)) };
    });
  }
}
