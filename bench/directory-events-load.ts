import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, Producer } from 'kafkajs';
import { LarkEventEnvelope, Topics } from '@app/contracts';
import { aUserEvent, toRecord } from '../apps/directory/src/testing/lark-event-factories';
import { departmentIdOf, SeedShape, userIdOf } from './directory-events-seed';

/** A user updated event that always changes the row: a rename, or every other one a move to another department. */
export function contactEvent(
  idpId: string,
  shape: SeedShape,
  userIndex: number,
  round: number,
): LarkEventEnvelope {
  const moved = userIndex % 2 === 1;
  const department = departmentIdOf(
    (userIndex + (moved ? 1 + (round % (shape.departments - 1)) : 0)) % shape.departments,
  );
  const name = moved ? `User ${userIndex}` : `User ${userIndex} r${round}`;
  return aUserEvent(
    idpId,
    'updated',
    { id: userIdOf(userIndex), departments: [department], name, email: `u${userIndex}@example.com` },
    Date.now(),
  );
}

/** Produces envelopes to lark.events.v1 keyed as the gateway keys them; remembers when each was sent. */
export class EventProducer {
  readonly sentAt = new Map<string, number>();
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  async send(events: LarkEventEnvelope[]): Promise<void> {
    const now = Date.now();
    events.forEach((event) => this.sentAt.set(event.eventId, now));
    await this.producer.send({ topic: Topics.larkEvents, acks: -1, messages: events.map(toRecord) });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}

/** Reads directory.changes.v1 from the beginning and stamps the arrival of each change caused by an event. */
export class ChangeCollector {
  readonly arrivedAt = new Map<string, number>();
  private readonly consumer: Consumer;

  constructor(kafka: Kafka) {
    this.consumer = kafka.consumer({
      groupId: `bench-changes-${randomUUID()}`,
      maxWaitTimeInMs: 20,
      minBytes: 1,
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: Topics.directoryChanges, fromBeginning: true });
    await this.consumer.run({
      eachBatch: async ({ batch }) => {
        const now = Date.now();
        for (const message of batch.messages) {
          const cause = message.value
            ? (JSON.parse(message.value.toString()).cause as { kind: string; eventId?: string })
            : undefined;
          if (cause?.kind === 'event' && cause.eventId && !this.arrivedAt.has(cause.eventId))
            this.arrivedAt.set(cause.eventId, now);
        }
      },
    });
  }

  /** Resolves with the time the last of `eventIds` arrived. */
  async waitForAll(eventIds: readonly string[], timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const missing = eventIds.filter((id) => !this.arrivedAt.has(id)).length;
      if (missing === 0) return Math.max(...eventIds.map((id) => this.arrivedAt.get(id)!));
      if (Date.now() > deadline)
        throw new Error(`${missing} of ${eventIds.length} events had no change within ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
