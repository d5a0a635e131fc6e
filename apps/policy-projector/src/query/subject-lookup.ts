import { Injectable } from '@nestjs/common';
import { BatchLoader } from './batch-loader';
import { etagOf } from './etag';
import { ProjectionQueryRepository } from './projection-query.repository';
import { ServedSubject, SubjectDocumentCache } from './subject-document-cache';

/** Subject documents as the HTTP API sends them: from the cache, or else from the table, misses batched per IdP. */
@Injectable()
export class SubjectLookup {
  private readonly loader: BatchLoader<ServedSubject>;

  constructor(
    query: ProjectionQueryRepository,
    private readonly cache: SubjectDocumentCache,
  ) {
    this.loader = new BatchLoader(async (idpId, openIds) => {
      const served = new Map<string, ServedSubject>();
      for (const [openId, document] of await query.subjectsByOpenId(idpId, openIds)) {
        served.set(openId, { etag: etagOf(document.version), body: Buffer.from(JSON.stringify(document)) });
      }
      return served;
    });
  }

  /** The subject if the cache has it, without waiting; else `find`. */
  cached(idpId: string, openId: string): ServedSubject | undefined {
    return this.cache.get(idpId, openId);
  }

  find(idpId: string, openId: string): Promise<ServedSubject | null> {
    return this.cache.lookup(idpId, openId, () => this.loader.load(idpId, openId));
  }
}
