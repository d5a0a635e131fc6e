import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DirectoryChange, Topics } from '@app/contracts';
import { LOGGER, Logger } from '@app/logging';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { parseDirectoryChange } from '../projection/directory-change.parser';
import { DocumentPublisher } from '../projection/document.publisher';
import { ProjectionRepository } from '../projection/projection.repository';
import { ProjectionService } from '../projection/projection.service';
import {
  ALL_SUBJECTS_CHANGED,
  idpSubjectsChanged,
  SUBJECT_CHANGES_CHANNEL,
} from '../query/subject-change-notices';
import { SubjectDocumentCache } from '../query/subject-document-cache';

export interface RebuildOptions {
  /** Only these IdPs (all when absent). */
  idpIds?: string[];
  /** Publish the rebuilt documents at the end (they equal the live ones, so this is a no-op for consumers). */
  publish: boolean;
}

export interface RebuildReport {
  changes: number;
  skippedInvalid: number;
  subjects: number;
  departments: number;
}

/**
 * Rebuilds the projection from scratch: empties its tables (for the IdPs asked), replays
 * `directory.changes.v1` from the beginning up to the current end, then optionally publishes the result.
 * Stop the live projector first, or it may publish documents built from a half-replayed state.
 */
@Injectable()
export class ProjectionRebuilder {
  constructor(
    private readonly kafka: Kafka,
    private readonly dataSource: DataSource,
    private readonly repository: ProjectionRepository,
    private readonly projection: ProjectionService,
    private readonly publisher: DocumentPublisher,
    private readonly cache: SubjectDocumentCache,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async rebuild(options: RebuildOptions): Promise<RebuildReport> {
    const wanted = options.idpIds ? new Set(options.idpIds) : null;
    await this.dataSource.transaction(async (m) => {
      await (wanted ? this.repository.clear(m, [...wanted]) : this.repository.clearAll(m));
      const notices = wanted ? [...wanted].map(idpSubjectsChanged) : [ALL_SUBJECTS_CHANGED];
      await m.query(`SELECT pg_notify($1, notice) FROM unnest($2::text[]) AS notice`, [
        SUBJECT_CHANGES_CHANNEL,
        notices,
      ]);
    });
    if (wanted) wanted.forEach((idpId) => this.cache.invalidateIdp(idpId));
    else this.cache.clear();
    const report = await this.replay(wanted);
    const documents = await this.repository.publishedDocuments(this.dataSource.manager, options.idpIds);
    report.subjects = documents.subjects.length;
    report.departments = documents.departments.length;
    if (options.publish) await this.publisher.publish(documents);
    this.logger.info({ ...report, published: options.publish }, 'projection rebuilt');
    return report;
  }

  private async replay(wanted: Set<string> | null): Promise<RebuildReport> {
    const report: RebuildReport = { changes: 0, skippedInvalid: 0, subjects: 0, departments: 0 };
    const admin = this.kafka.admin();
    await admin.connect();
    const groupId = `larksync-policy-projector-rebuild-${randomUUID()}`;
    const consumer = this.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    try {
      const ends = new Map(
        (await admin.fetchTopicOffsets(Topics.directoryChanges)).map((p) => [p.partition, BigInt(p.high)]),
      );
      const pending = new Set([...ends].filter(([, high]) => high > 0n).map(([partition]) => partition));
      if (pending.size === 0) return report;
      await consumer.connect();
      await consumer.subscribe({ topic: Topics.directoryChanges, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        void consumer
          .run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              const limit = ends.get(batch.partition)!;
              const messages = batch.messages.filter((message) => BigInt(message.offset) < limit);
              const changes = this.parse(
                messages.map((message) => message.value),
                wanted,
                report,
              );
              if (changes.length > 0) await this.projection.projectBatch(changes, { publish: false });
              if (BigInt(batch.lastOffset()) + 1n >= limit) pending.delete(batch.partition);
              if (pending.size === 0) resolve();
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
    return report;
  }

  private parse(
    values: (Buffer | null)[],
    wanted: Set<string> | null,
    report: RebuildReport,
  ): DirectoryChange[] {
    const changes: DirectoryChange[] = [];
    for (const value of values) {
      const parsed = parseDirectoryChange(value);
      if ('problem' in parsed) {
        report.skippedInvalid += 1;
        continue;
      }
      if (wanted && !wanted.has(parsed.change.idpId)) continue;
      changes.push(parsed.change);
      report.changes += 1;
    }
    return changes;
  }
}
