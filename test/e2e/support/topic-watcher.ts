import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';
import { eventually } from '@app/testing';

export interface WatchedRecord {
  key: string;
  value: string | null;
  headers: Record<string, string>;
}

/** Reads a shared topic from the beginning in a throw-away group, keeping the records whose key starts with `keyPrefix`. */
export class TopicWatcher {
  readonly records: WatchedRecord[] = [];
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly keyPrefix: string,
  ) {
    this.consumer = kafka.consumer({ groupId: `e2e-watch-${randomUUID()}`, maxWaitTimeInMs: 100 });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString('utf8') ?? '';
        if (!key.startsWith(this.keyPrefix)) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        this.records.push({ key, value: message.value?.toString('utf8') ?? null, headers });
      },
    });
  }

  /** The first record (oldest first) that satisfies `match`, once it arrives. */
  waitFor(
    what: string,
    match: (record: WatchedRecord) => boolean,
    timeoutMs = 60_000,
  ): Promise<WatchedRecord> {
    return eventually(`${what} on ${this.topic}`, async () => this.records.find(match), timeoutMs);
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
