import { Module } from '@nestjs/common';
import { SubjectCacheListener } from './subject-cache-listener';
import { SubjectDocumentCache } from './subject-document-cache';

/**
 * A backstop only: commits of every instance invalidate their subjects at once (SubjectCacheListener).
 * It bounds what a write that bypassed the projector (a manual fix in SQL) can leave stale.
 */
export const SUBJECT_CACHE_TTL_MS = 60_000;
/** Roughly 64k subjects of 1 KiB. */
export const SUBJECT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** The subject document cache, shared by the query API (reads) and the projection (invalidation). */
@Module({
  providers: [
    SubjectCacheListener,
    {
      provide: SubjectDocumentCache,
      useFactory: () =>
        new SubjectDocumentCache({ ttlMs: SUBJECT_CACHE_TTL_MS, maxBytes: SUBJECT_CACHE_MAX_BYTES }),
    },
  ],
  exports: [SubjectDocumentCache],
})
export class SubjectCacheModule {}
