import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';

/** Projector metrics on the app's registry. */
@Injectable()
export class ProjectionMetrics {
  readonly timeToRevoke: Histogram;
  readonly changes: Counter<'outcome'>;
  readonly published: Counter<'topic' | 'kind'>;

  constructor(registry: Registry) {
    const metrics = metricsOn(registry);
    this.timeToRevoke = metrics.histogram(
      'larksync_projector_time_to_revoke_seconds',
      "From a resignation's Lark event createTime (or the change's occurredAt) to the disabled subject acked on sase.subjects.v1",
      [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    );
    this.changes = metrics.counter(
      'larksync_projector_changes_total',
      'Directory changes consumed, by outcome (applied, stale)',
      ['outcome'],
    );
    this.published = metrics.counter(
      'larksync_projector_documents_published_total',
      'Documents published, by topic and kind (document, tombstone)',
      ['topic', 'kind'],
    );
  }
}
