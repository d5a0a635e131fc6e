import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { Gauge, Histogram, Registry } from 'prom-client';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { lastValueFrom } from 'rxjs';
import { deadLetterTopic, MessageHeaders } from '@app/contracts';
import { Logger } from '@app/logging';
import { ConsumedBatch, ConsumedMessage, poisonReason } from './consumed-batch';
import { MessagePublisher } from './message-publisher';
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

/**
 * A Nest microservice transport for kafkajs batch consumption. Handlers (`@EventPattern(topic)`) get a
 * whole partition batch; offsets are committed only after the handler resolved, i.e. after its work is
 * durable. Unlike the stock Kafka transport it never commits on its own terms.
 */
export class BatchConsumerServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly failures = new Map<string, number>();
  private readonly metrics?: ConsumerMetrics;

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
        eachBatch: (payload) => this.onBatch(payload),
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

  private async onBatch({
    batch,
    resolveOffset,
    commitOffsetsIfNecessary,
    heartbeat,
    isRunning,
  }: EachBatchPayload): Promise<void> {
    if (!isRunning() || batch.messages.length === 0) return;
    const consumed = toConsumedBatch(batch.topic, batch.partition, batch.messages);
    const attemptKey = `${batch.topic}/${batch.partition}/${batch.firstOffset()}`;
    const stopTimer = this.metrics?.batchSeconds.startTimer({ topic: batch.topic });
    try {
      await this.dispatch(consumed);
      this.failures.delete(attemptKey);
      stopTimer?.({ outcome: 'ok' });
    } catch (error) {
      stopTimer?.({ outcome: 'failed' });
      const attempts = (this.failures.get(attemptKey) ?? 0) + 1;
      this.failures.set(attemptKey, attempts);
      if (poisonReason(error) === undefined && attempts < (this.options.maxAttempts ?? 5)) throw error;
      this.options.logger.warn(
        { topic: batch.topic, partition: batch.partition, attempts, err: error },
        'batch failed; isolating messages',
      );
      await this.dispatchOneByOne(consumed, heartbeat);
      this.failures.delete(attemptKey);
    }
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary({
      topics: [
        {
          topic: batch.topic,
          partitions: [{ partition: batch.partition, offset: nextOffset(batch.lastOffset()) }],
        },
      ],
    });
    await heartbeat();
    this.metrics?.lag.set(
      { topic: batch.topic, partition: String(batch.partition), group: this.options.groupId },
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

function toConsumedBatch(topic: string, partition: number, messages: KafkaMessage[]): ConsumedBatch {
  return {
    topic,
    partition,
    messages: messages.map((message) => ({
      topic,
      partition,
      offset: message.offset,
      key: message.key?.toString('utf8') ?? null,
      value: message.value,
      headers: message.headers ?? {},
      timestamp: message.timestamp,
    })),
  };
}

function textHeaders(headers: ConsumedMessage['headers']): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) text[name] = String(Array.isArray(value) ? value[0] : value);
  return text;
}
