import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';

export interface SeenRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * Collects, from the beginning of a shared topic, the records whose key starts with `keyPrefix`
 * (tests use a unique IdP id per file), until stopped.
 */
export class TopicReader {
  readonly records: SeenRecord[] = [];
  private readonly consumer: Consumer;

  constructor(
    kafka: Kafka,
    private readonly topic: string,
    private readonly keyPrefix: string,
  ) {
    this.consumer = kafka.consumer({ groupId: `reader-${randomUUID()}`, maxWaitTimeInMs: 100 });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.topic, fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString() ?? '';
        if (!key.startsWith(this.keyPrefix)) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
        );
        this.records.push({ key, value: message.value?.toString() ?? '', headers });
      },
    });
  }

  /** Waits until `condition` holds over the records seen so far. */
  async waitFor(
    condition: (records: SeenRecord[]) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<SeenRecord[]> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this.records)) {
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} on ${this.topic} (saw ${this.records.length})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.records;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}
