import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Gauge, Histogram, Registry } from 'prom-client';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { lastValueFrom } from 'rxjs';
import { deadLetterTopic, MessageHeaders } from '@app/contracts';
import { Logger } from '@app/logging';
import { ConsumedBatch, ConsumedMessage, poisonReason } from './consumed-batch';
import { MessagePublisher } from './message.publisher';
import { batchTraceParent } from './trace-headers';

const tracer = trace.getTracer('larksync-kafka');

export interface BatchConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: string[];
  deadLetters: MessagePublisher;
  logger: Logger;
  /** Attempts of a failing batch before its messages are retried one by one and poison ones dead-lettered. */
  maxAttempts?: number;
  maxWaitTimeInMs?: number;
  /** Where consumer lag and batch durations are reported. */
  metrics?: Registry;
}

interface ConsumerMetrics {
  lag: Gauge<'topic' | 'partition' | 'group'>;
  batchSeconds: Histogram<'topic' | 'outcome'>;
}

function consumerMetrics(registry: Registry): ConsumerMetrics {
  const existing = registry.getSingleMetric('larksync_consumer_lag');
  if (existing)
    return {
      lag: existing as ConsumerMetrics['lag'],
      batchSeconds: registry.getSingleMetric(
        'larksync_consumer_batch_seconds',
      ) as ConsumerMetrics['batchSeconds'],
    };
  return {
    lag: new Gauge({
      name: 'larksync_consumer_lag',
      help: 'Records behind the end of the partition after the last batch',
      labelNames: ['topic', 'partition', 'group'],
      registers: [registry],
    }),
    batchSeconds: new Histogram({
      name: 'larksync_consumer_batch_seconds',
      help: 'Time to process one batch',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
      buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    }),
  };
}

interface Waiting {
  payload: EachBatchPayload;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** More than the partitions one consumer is ever assigned: every batch of a fetch is handed over at once. */
const PARTITIONS_IN_PARALLEL = 64;

/**
 * A Nest microservice transport for kafkajs batch consumption. Handlers (`@EventPattern(topic)`) get the
 * messages of one fetch of their topic, all partitions together (in offset order within each partition), so a
 * fetch costs one handler call and one offset commit. Offsets are committed only after the handler resolved,
 * i.e. after its work is durable. Unlike the stock Kafka transport it never commits on its own terms.
 */
export class BatchConsumerServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly failures = new Map<string, number>();
  private readonly metrics?: ConsumerMetrics;
  private waiting: Waiting[] = [];

  constructor(private readonly options: BatchConsumerOptions) {
    super();
    if (options.metrics) this.metrics = consumerMetrics(options.metrics);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      this.consumer = this.options.kafka.consumer({
        groupId: this.options.groupId,
        maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? 200,
        retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 10_000 },
      });
      await this.consumer.connect();
      await this.consumer.subscribe({ topics: this.options.topics, fromBeginning: true });
      await this.consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
        eachBatch: (payload) => this.gather(payload),
      });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  /** Stops fetching, lets the in-flight batch finish and commit, then leaves the group. */
  async close(): Promise<void> {
    await this.consumer?.disconnect();
  }

  on(): never {
    throw new Error('BatchConsumerServer does not emit events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  /** kafkajs hands the partition batches of one fetch over in the same tick; they are processed together. */
  private gather(payload: EachBatchPayload): Promise<void> {
    if (!payload.isRunning() || payload.batch.messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (this.waiting.push({ payload, resolve, reject }) === 1) setImmediate(() => this.processWaiting());
    });
  }

  private processWaiting(): void {
    const byTopic = new Map<string, Waiting[]>();
    for (const waiting of this.waiting.splice(0)) {
      const topic = waiting.payload.batch.topic;
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), waiting]);
    }
    for (const group of byTopic.values())
      this.processTopic(group.map(({ payload }) => payload)).then(
        () => group.forEach(({ resolve }) => resolve()),
        (error: unknown) => group.forEach(({ reject }) => reject(error)),
      );
  }

  private async processTopic(payloads: EachBatchPayload[]): Promise<void> {
    const topic = payloads[0].batch.topic;
    const consumed: ConsumedBatch = {
      topic,
      messages: payloads.flatMap(({ batch }) =>
        toConsumedMessages(batch.topic, batch.partition, batch.messages),
      ),
    };
    const attemptKeys = payloads.map(({ batch }) => `${topic}/${batch.partition}/${batch.firstOffset()}`);
    const stopTimer = this.metrics?.batchSeconds.startTimer({ topic });
    try {
      await this.dispatch(consumed);
      attemptKeys.forEach((key) => this.failures.delete(key));
      stopTimer?.({ outcome: 'ok' });
    } catch (error) {
      stopTimer?.({ outcome: 'failed' });
      const attempts = Math.max(...attemptKeys.map((key) => (this.failures.get(key) ?? 0) + 1));
      attemptKeys.forEach((key) => this.failures.set(key, attempts));
      if (poisonReason(error) === undefined && attempts < (this.options.maxAttempts ?? 5)) throw error;
      this.options.logger.warn(
        { topic, partitions: payloads.map(({ batch }) => batch.partition), attempts, err: error },
        'batch failed; isolating messages',
      );
      await this.dispatchOneByOne(consumed, payloads[0].heartbeat);
      attemptKeys.forEach((key) => this.failures.delete(key));
    }
    await this.commit(payloads);
  }

  private async commit(payloads: EachBatchPayload[]): Promise<void> {
    for (const { batch, resolveOffset } of payloads) resolveOffset(batch.lastOffset());
    const topic = payloads[0].batch.topic;
    await payloads[0].commitOffsetsIfNecessary({
      topics: [
        {
          topic,
          partitions: payloads.map(({ batch }) => ({
            partition: batch.partition,
            offset: nextOffset(batch.lastOffset()),
          })),
        },
      ],
    });
    await payloads[0].heartbeat();
    for (const { batch } of payloads)
      this.metrics?.lag.set(
        { topic, partition: String(batch.partition), group: this.options.groupId },
        Number(batch.offsetLag()),
      );
  }

  private async dispatchOneByOne(batch: ConsumedBatch, heartbeat: () => Promise<void>): Promise<void> {
    for (const message of batch.messages) {
      try {
        await this.dispatch({ ...batch, messages: [message] });
      } catch (error) {
        const reason = poisonReason(error);
        if (reason === undefined) throw error;
        await this.deadLetter(message, reason);
      }
      await heartbeat();
    }
  }

  private async dispatch(batch: ConsumedBatch): Promise<void> {
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`no handler for topic ${batch.topic}`);
    const { parent, links } = batchTraceParent(batch.messages.map((message) => message.headers));
    const span = tracer.startSpan(
      `process ${batch.topic}`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.destination.name': batch.topic,
          'messaging.batch.message_count': batch.messages.length,
        },
      },
      parent,
    );
    try {
      await context.with(trace.setSpan(parent, span), async () =>
        lastValueFrom(this.transformToObservable(await handler(batch)), { defaultValue: undefined }),
      );
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  }

  private async deadLetter(message: ConsumedMessage, reason: string): Promise<void> {
    this.options.logger.warn(
      { topic: message.topic, offset: message.offset, reason },
      'message dead-lettered',
    );
    await this.options.deadLetters.publish(deadLetterTopic(message.topic), [
      {
        key: message.key ?? '',
        value: message.value?.toString('utf8') ?? null,
        headers: {
          ...textHeaders(message.headers),
          [MessageHeaders.error]: reason.slice(0, 1000),
          [MessageHeaders.originalTopic]: message.topic,
          'larksync-original-offset': `${message.partition}/${message.offset}`,
        },
      },
    ]);
  }
}

function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

function toConsumedMessages(topic: string, partition: number, messages: KafkaMessage[]): ConsumedMessage[] {
  return messages.map((message) => ({
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value,
    headers: message.headers ?? {},
    timestamp: message.timestamp,
  }));
}

function textHeaders(headers: ConsumedMessage['headers']): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) text[name] = String(Array.isArray(value) ? value[0] : value);
  return text;
}
