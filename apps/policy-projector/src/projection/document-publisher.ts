import { Injectable } from '@nestjs/common';
import { entityKey, MessageHeaders, Topics } from '@app/contracts';
import { MessagePublisher, OutgoingMessage } from '@app/kafka';
import { OutgoingDocuments } from './outgoing-documents';
import { ProjectionMetrics } from './projection-metrics';

function message(idpId: string, id: string, type: string, value: object | null): OutgoingMessage {
  return {
    key: entityKey(idpId, id),
    value: value === null ? null : JSON.stringify(value),
    headers: { [MessageHeaders.idpId]: idpId, [MessageHeaders.eventType]: value === null ? `${type}.tombstone` : type },
  };
}

/** Publishes projected documents to the compacted SASE topics; resolves once all are acked. */
@Injectable()
export class DocumentPublisher {
  constructor(
    private readonly publisher: MessagePublisher,
    private readonly metrics: ProjectionMetrics,
  ) {}

  async publish(out: OutgoingDocuments): Promise<void> {
    const subjects = out.subjects.map(({ idpId, openId, value }) => message(idpId, openId, 'subject', value));
    const departments = out.departments.map(({ idpId, departmentId, value }) => message(idpId, departmentId, 'department', value));
    await Promise.all([
      subjects.length ? this.publisher.publish(Topics.saseSubjects, subjects) : undefined,
      departments.length ? this.publisher.publish(Topics.saseDepartments, departments) : undefined,
    ]);
    this.count(Topics.saseSubjects, subjects);
    this.count(Topics.saseDepartments, departments);
    const ackedAt = Date.now();
    for (const revocation of out.revocations) this.metrics.timeToRevoke.observe(Math.max(0, ackedAt - revocation.since) / 1000);
  }

  private count(topic: string, messages: OutgoingMessage[]): void {
    const tombstones = messages.filter((m) => m.value === null).length;
    if (messages.length > tombstones) this.metrics.published.inc({ topic, kind: 'document' }, messages.length - tombstones);
    if (tombstones) this.metrics.published.inc({ topic, kind: 'tombstone' }, tombstones);
  }
}
