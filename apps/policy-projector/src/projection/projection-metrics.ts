import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** Projector metrics on the app's registry. */
@Injectable()
export class ProjectionMetrics {
  readonly timeToRevoke: Histogram;
  readonly changes: Counter<'outcome'>;
  readonly published: Counter<'topic' | 'kind'>;

  constructor(registry: Registry) {
    this.timeToRevoke = new Histogram({
      name: 'larksync_projector_time_to_revoke_seconds',
      help: "From a resignation's Lark event createTime (or the change's occurredAt) to the disabled subject acked on sase.subjects.v1",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    this.changes = new Counter({
      name: 'larksync_projector_changes_total',
      help: 'Directory changes consumed, by outcome (applied, stale)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.published = new Counter({
      name: 'larksync_projector_documents_published_total',
      help: 'Documents published, by topic and kind (document, tombstone)',
      labelNames: ['topic', 'kind'],
      registers: [registry],
    });
  }
}
