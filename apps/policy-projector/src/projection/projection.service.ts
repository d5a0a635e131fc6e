import { Inject, Injectable } from '@nestjs/common';
import type { DirectoryChange } from '@app/contracts';
import { LOGGER, Logger } from '@app/logging';
import { DataSource } from 'typeorm';
import { SUBJECT_CHANGES_CHANNEL, subjectChangeNotices } from '../query/subject-change-notices';
import { SubjectDocumentCache } from '../query/subject-document-cache';
import { ChangeRecorder } from './change-recorder';
import { DirtySet } from './dirty-set';
import { DocumentPublisher } from './document.publisher';
import { OutgoingDocuments } from './outgoing-documents';
import { ProjectionMetrics } from './projection.metrics';
import { ProjectionRecomputer } from './projection-recomputer';
import { ProjectionRepository } from './projection.repository';

export interface ProjectOptions {
  /** false during a rebuild: intermediate documents of a replay are not news. */
  publish: boolean;
}

/**
 * Applies a batch of directory changes in one transaction and publishes what changed before committing,
 * so a crash in between re-publishes the same documents on redelivery instead of losing them.
 */
@Injectable()
export class ProjectionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ProjectionRepository,
    private readonly recorder: ChangeRecorder,
    private readonly recomputer: ProjectionRecomputer,
    private readonly publisher: DocumentPublisher,
    private readonly metrics: ProjectionMetrics,
    private readonly cache: SubjectDocumentCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async projectBatch(
    changes: DirectoryChange[],
    options: ProjectOptions = { publish: true },
  ): Promise<OutgoingDocuments> {
    const out = new OutgoingDocuments();
    const byIdp = new Map<string, DirectoryChange[]>();
    for (const change of changes) byIdp.set(change.idpId, [...(byIdp.get(change.idpId) ?? []), change]);
    try {
      await this.dataSource.transaction(async (m) => {
        // IdPs in a fixed order, so two instances locking the same IdPs cannot deadlock.
        for (const idpId of [...byIdp.keys()].sort()) {
          await this.repository.lockIdp(m, idpId);
          const dirty = new DirtySet();
          for (const change of byIdp.get(idpId)!) {
            const outcome = await this.recorder.record(m, change, dirty);
            this.metrics.changes.inc({ outcome });
            this.logger.debug(
              {
                changeId: change.changeId,
                key: `${change.idpId}:${change.entityId}`,
                entity: change.entity,
                outcome,
              },
              'change',
            );
          }
          if (!dirty.isEmpty()) await this.recomputer.recompute(m, idpId, dirty, out);
        }
        if (out.subjects.length > 0)
          await m.query(`SELECT pg_notify($1, notice) FROM unnest($2::text[]) AS notice`, [
            SUBJECT_CHANGES_CHANNEL,
            subjectChangeNotices(out.subjects),
          ]);
        if (options.publish && out.size > 0) await this.publisher.publish(out);
      });
    } finally {
      // After the commit (or its failure), so no lookup can cache a document older than the committed one;
      // other instances hear of it through the notices, sent at commit.
      for (const { idpId, openId } of out.subjects) this.cache.invalidate(idpId, openId);
    }
    this.logger.info(
      { changes: changes.length, subjects: out.subjects.length, departments: out.departments.length },
      'batch projected',
    );
    return out;
  }
}
