import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { CompressionTypes, Kafka, Message, Producer, TopicMessages } from 'kafkajs';
import { batchTraceParent, injectTraceHeaders, withoutTraceContext } from './trace-headers';

export interface OutgoingMessage {
  key: string;
  value: string | null;
  headers?: Record<string, string>;
}

const tracer = trace.getTracer('larksync-kafka');

/** Stays well under the broker's default 1 MiB request limit. */
const MAX_BATCH_BYTES = 512 * 1024;

/** Splits one large publish into request-sized chunks; they are sent in order, one request at a time. */
function chunkByBytes(messages: Message[]): Message[][] {
  const chunks: Message[][] = [[]];
  let bytes = 0;
  for (const message of messages) {
    const size = recordBytes(message);
    if (bytes + size > MAX_BATCH_BYTES && chunks[chunks.length - 1].length > 0) {
      chunks.push([]);
      bytes = 0;
    }
    chunks[chunks.length - 1].push(message);
    bytes += size;
  }
  return chunks;
}

function recordBytes(message: Message): number {
  return (
    String(message.key ?? '').length + (message.value ? Buffer.byteLength(message.value as string) : 0) + 64
  );
}

interface Pending {
  topic: string;
  messages: Message[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * An idempotent producer (acks all) that coalesces concurrent `publish` calls into one produce request:
 * kafkajs sends one request per `send()`, and with one request in flight (needed for idempotence)
 * per-call sends would serialise every caller behind the previous round trip.
 */
export class MessagePublisher {
  private readonly producer: Producer;
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    kafka: Kafka,
    private readonly maxBatchMessages = 5000,
  ) {
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
    });
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }

  /** Resolves once every message is acknowledged by all in-sync replicas. */
  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    // Relayed records (the outbox) of one trace are published inside it and carry this span on; records of several keep their own.
    const { parent, links } = batchTraceParent(messages.map((message) => message.headers));
    const span = tracer.startSpan(
      `publish ${topic}`,
      {
        kind: SpanKind.PRODUCER,
        links,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': topic,
          'messaging.batch.message_count': messages.length,
        },
      },
      parent,
    );
    const spanContext = trace.setSpan(parent, span);
    const records = messages.map(({ key, value, headers }) => ({
      key,
      value,
      headers: injectTraceHeaders(
        links.length > 0 ? { ...headers } : withoutTraceContext(headers),
        spanContext,
      ),
    }));
    try {
      await Promise.all(chunkByBytes(records).map((chunk) => this.enqueue(topic, chunk)));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }

  private enqueue(topic: string, messages: Message[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ topic, messages, resolve, reject });
      if (!this.flushing) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) await this.sendBatch(this.takeBatch());
    } finally {
      this.flushing = false;
    }
  }

  /** Whole publish calls, up to the message and byte caps (a single oversized call still goes alone). */
  private takeBatch(): Pending[] {
    let messages = 0;
    let bytes = 0;
    let take = 0;
    for (const pending of this.queue) {
      const size = pending.messages.reduce((sum, message) => sum + recordBytes(message), 0);
      const fits =
        messages + pending.messages.length <= this.maxBatchMessages && bytes + size <= MAX_BATCH_BYTES;
      if (take > 0 && !fits) break;
      messages += pending.messages.length;
      bytes += size;
      take += 1;
    }
    return this.queue.splice(0, take);
  }

  private async sendBatch(batch: Pending[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const { topic, messages } of batch) {
      const records = byTopic.get(topic);
      if (records) records.push(...messages);
      else byTopic.set(topic, [...messages]);
    }
    const topicMessages: TopicMessages[] = [...byTopic].map(([topic, messages]) => ({ topic, messages }));
    try {
      await this.producer.sendBatch({ topicMessages, acks: -1, compression: CompressionTypes.None });
      batch.forEach((pending) => pending.resolve());
    } catch (error) {
      batch.forEach((pending) => pending.reject(error));
    }
  }
}
