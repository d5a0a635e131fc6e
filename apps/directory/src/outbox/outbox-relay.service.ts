import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Counter, Gauge, Registry } from 'prom-client';
import { metricsOn } from '@app/platform';
import { DataSource } from 'typeorm';
import { MessagePublisher } from '@app/kafka';
import { LOGGER, Logger } from '@app/logging';
import { OUTBOX_CHANNEL } from '../org-store';
import { OutboxListener } from './outbox-listener';
import { OutboxRepository, OutboxRow } from './outbox.repository';

const BATCH_SIZE = 1000;
const POLL_MS = 500;
const RETRY_MS = 1000;

/**
 * Publishes committed outbox rows to Kafka in id order, then marks them published. One relay at a time
 * holds the outbox (an advisory lock), so per-key order survives several app instances. A crash between
 * publish and mark republishes the rows: at-least-once, and consumers dedupe on changeId/version.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private readonly published: Counter;
  private readonly lag: Gauge;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxRepository,
    private readonly publisher: MessagePublisher,
    private readonly listener: OutboxListener,
    @Inject(LOGGER) private readonly logger: Logger,
    registry: Registry,
  ) {
    const metrics = metricsOn(registry);
    this.published = metrics.counter('larksync_outbox_published_total', 'Outbox records published to Kafka');
    this.lag = metrics.gauge(
      'larksync_outbox_lag_seconds',
      "Age of the oldest unpublished outbox record at this relay's last pass (0 when drained or another relay holds the outbox)",
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.listen(OUTBOX_CHANNEL);
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.listener.wake();
    await this.loop;
    await this.listener.close();
  }

  /** Publishes one batch; returns how many records went out (0 when idle or another relay holds the outbox). */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      await this.outbox.commitWithoutWaitingForDisk(manager);
      const rows = await this.outbox.takeUnpublished(manager, BATCH_SIZE);
      this.lag.set(Math.max(0, ...rows.map((row) => row.age_seconds)));
      if (rows.length === 0) return 0;
      await this.publishInOrder(rows);
      await this.outbox.markPublished(manager, rows);
      if (Math.random() < 0.01) await this.outbox.prunePublished(manager);
      this.published.inc(rows.length);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const count = await this.relayOnce();
        if (count < BATCH_SIZE) await this.listener.waitForWake(POLL_MS);
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay failed; retrying');
        await this.listener.waitForWake(RETRY_MS);
      }
    }
  }

  /** One produce call for the batch: the publisher keeps the order of records within a topic. */
  private async publishInOrder(rows: OutboxRow[]): Promise<void> {
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const records = byTopic.get(row.topic);
      if (records) records.push(row);
      else byTopic.set(row.topic, [row]);
    }
    await Promise.all(
      [...byTopic].map(([topic, records]) =>
        this.publisher.publish(
          topic,
          records.map(({ key, value, headers }) => ({ key, value, headers })),
        ),
      ),
    );
  }
}
