import { randomUUID } from 'node:crypto';
import { Consumer, Kafka } from 'kafkajs';

export interface RecordedMessage<V = string | null> {
  topic: string;
  key: string;
  value: V;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

export interface TopicRecorderOptions<V> {
  topics: string | string[];
  /** Keeps only the records whose key passes (tests share topics and tell theirs apart by key). */
  keep?: (key: string) => boolean;
  decode?: (value: string | null) => V;
}

/** Records topics from the beginning, in a throw-away consumer group, until stopped. */
export class TopicRecorder<V = string | null> {
  readonly records: RecordedMessage<V>[] = [];
  private readonly consumer: Consumer;
  private crash?: Error;
  private joinedGroup = false;

  constructor(
    kafka: Kafka,
    private readonly options: TopicRecorderOptions<V>,
  ) {
    this.consumer = kafka.consumer({ groupId: `recorder-${randomUUID()}`, maxWaitTimeInMs: 50 });
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      this.crash = payload.error;
    });
  }

  async start(): Promise<void> {
    const { keep = () => true, decode = (value: string | null) => value as V } = this.options;
    await this.consumer.connect();
    const topics = ([] as string[]).concat(this.options.topics);
    await this.consumer.subscribe({ topics, fromBeginning: true });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.joinedGroup = true;
    });
    await this.consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const key = message.key?.toString('utf8') ?? '';
        if (!keep(key)) return;
        this.records.push({
          topic,
          key,
          value: decode(message.value?.toString('utf8') ?? null),
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
          ),
          partition,
          offset: message.offset,
        });
      },
    });
    // recording starts once the group has its partitions, so a slow join shows here and not as missing records
    await this.waitFor(
      `the recorder of ${topics.join(', ')} to join its group`,
      () => this.joinedGroup,
      30_000,
    );
  }

  /** Resolves with the probe's first truthy answer over the records seen so far. */
  async waitFor<T>(
    what: string,
    probe: (records: RecordedMessage<V>[]) => T | undefined | null | false,
    timeoutMs = 20_000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe(this.records);
      if (found !== undefined && found !== null && found !== false) return found;
      if (this.crash)
        throw new Error(`the recorder's consumer crashed while waiting for ${what}: ${this.crash.message}`);
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what} (${this.records.length} records seen)`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The latest value per key of a topic: what compaction keeps. */
  latest(topic: string): Map<string, V> {
    const latest = new Map<string, V>();
    for (const record of this.records) if (record.topic === topic) latest.set(record.key, record.value);
    return latest;
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/** Reads `count` records of a topic from the beginning, or, without a count, every record up to its current end. */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  options: { count?: number; timeoutMs?: number } = {},
): Promise<RecordedMessage[]> {
  const count = options.count ?? (await recordCount(kafka, topic));
  if (count === 0) return [];
  const recorder = new TopicRecorder(kafka, { topics: topic });
  await recorder.start();
  try {
    return await recorder.waitFor(
      `${count} records of ${topic}`,
      (records) => records.length >= count && records,
      options.timeoutMs,
    );
  } finally {
    await recorder.stop();
  }
}

/** Records the topic holds now (high minus low watermark, over its partitions). */
export async function recordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}
