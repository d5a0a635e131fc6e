import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { injectTraceHeaders } from '@app/kafka';

/** A Kafka record to publish once the surrounding transaction commits. */
export interface OutboxMessage {
  topic: string;
  key: string;
  value: string | null;
  headers?: Record<string, string>;
}

/** PostgreSQL channel notified when outbox rows are committed; the relay listens on it. */
export const OUTBOX_CHANNEL = 'larksync_outbox';

/**
 * Writes Kafka records into the `outbox` table in the caller's transaction (transactional outbox):
 * they reach Kafka, in insertion order, only if and after the transaction commits.
 */
@Injectable()
export class OutboxWriter {
  /** Transactions (their managers) that already notify at commit: one NOTIFY per transaction is enough. */
  private readonly notifying = new WeakSet<EntityManager>();

  /** Inserts the messages and wakes the relay at commit; keeps the current trace context in the headers. */
  async enqueue(manager: EntityManager, messages: readonly OutboxMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const rows = messages.map(({ topic, key, value, headers }) => ({
      topic,
      key,
      value,
      headers: injectTraceHeaders({ ...headers }),
    }));
    await manager.query(
      `INSERT INTO outbox (topic, key, value, headers)
       SELECT m->>'topic', m->>'key', m->>'value', m->'headers'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(m, n)
       ORDER BY n`,
      [JSON.stringify(rows)],
    );
    await this.notifyAtCommit(manager);
  }

  /** Wakes the relay when the transaction commits (at once outside a transaction). */
  async notifyAtCommit(manager: EntityManager): Promise<void> {
    const inTransaction = manager.queryRunner?.isTransactionActive === true;
    if (inTransaction && this.notifying.has(manager)) return;
    await manager.query(`SELECT pg_notify($1, '')`, [OUTBOX_CHANNEL]);
    if (inTransaction) this.notifying.add(manager);
  }
}
