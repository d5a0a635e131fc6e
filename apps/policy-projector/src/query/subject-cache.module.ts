import { Module } from '@nestjs/common';
import { SubjectDocumentCache } from './subject-document-cache';

/**
 * One second: the issue promises SASE a view "current within a second", and another projector instance's
 * commits reach this cache only through expiry. Commits of this process invalidate at once.
 */
export const SUBJECT_CACHE_TTL_MS = 1_000;
/** Roughly 64k subjects of 1 KiB. */
export const SUBJECT_CACHE_MAX_BYTES = 64 * 1024 * 1024;

/** The in-process subject document cache, shared by the query API (reads) and the projection (invalidation). */
@Module({
  providers: [
    {
      provide: SubjectDocumentCache,
      useFactory: () =>
        new SubjectDocumentCache({ ttlMs: SUBJECT_CACHE_TTL_MS, maxBytes: SUBJECT_CACHE_MAX_BYTES }),
    },
  ],
  exports: [SubjectDocumentCache],
})
export class SubjectCacheModule {}
