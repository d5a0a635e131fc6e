import { Injectable } from '@nestjs/common';
import { entityKey, MessageHeaders, Topics } from '@app/contracts';
import { MessagePublisher, OutgoingMessage } from '@app/kafka';
import { OutgoingDocuments } from './outgoing-documents';
import { ProjectionMetrics } from './projection.metrics';

function message(idpId: string, id: string, type: string, value: object | null): OutgoingMessage {
  return {
    key: entityKey(idpId, id),
    value: value === null ? null : JSON.stringify(value),
    headers: {
      [MessageHeaders.idpId]: idpId,
      [MessageHeaders.eventType]: value === null ? `${type}.tombstone` : type,
    },
  };
}

/** Below the broker's 1 MiB message.max.bytes: MessagePublisher bounds its batches by count, not size. */
const MAX_CHUNK_BYTES = 384 * 1024;

function chunks(messages: OutgoingMessage[]): OutgoingMessage[][] {
  const result: OutgoingMessage[][] = [];
  let current: OutgoingMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = message.key.length + (message.value?.length ?? 0) + 128;
    if (current.length > 0 && bytes + size > MAX_CHUNK_BYTES) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
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
    const departments = out.departments.map(({ idpId, departmentId, value }) =>
      message(idpId, departmentId, 'department', value),
    );
    for (const chunk of chunks(departments)) await this.publisher.publish(Topics.saseDepartments, chunk);
    for (const chunk of chunks(subjects)) await this.publisher.publish(Topics.saseSubjects, chunk);
    this.count(Topics.saseSubjects, subjects);
    this.count(Topics.saseDepartments, departments);
    const ackedAt = Date.now();
    for (const revocation of out.revocations)
      this.metrics.timeToRevoke.observe(Math.max(0, ackedAt - revocation.since) / 1000);
  }

  private count(topic: string, messages: OutgoingMessage[]): void {
    const tombstones = messages.filter((m) => m.value === null).length;
    if (messages.length > tombstones)
      this.metrics.published.inc({ topic, kind: 'document' }, messages.length - tombstones);
    if (tombstones) this.metrics.published.inc({ topic, kind: 'tombstone' }, tombstones);
  }
}
