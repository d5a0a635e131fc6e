import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { MessagePublisher } from '@app/kafka';
import { readTopic } from '../../../../libs/kafka/src/testing';
import { testKafkaClient } from '../../../../libs/kafka/src/testing/test-kafka-client';
import { createLogger } from '@app/logging';
import { dataSourceOptions, runMigrations } from '@app/persistence';
import { OutboxListener } from './outbox-listener';
import { OutboxRelay } from './outbox-relay.service';
import { OutboxRepository } from './outbox.repository';
import { eventually } from '@app/testing';

describe('OutboxRelay (real PostgreSQL and Kafka)', () => {
  const dataSource = new DataSource(dataSourceOptions(process.env.DATABASE_URL!, 'outbox-relay-int-spec'));
  const logger = createLogger('outbox-relay-int-spec', 'silent');
  const kafka = testKafkaClient('outbox-relay-int-spec', logger);
  const publisher = new MessagePublisher(kafka);
  const relay = new OutboxRelay(
    dataSource,
    new OutboxRepository(),
    publisher,
    new OutboxListener(dataSource, logger),
    logger,
    new Registry(),
  );
  const topic = `test.outbox.${randomUUID()}`;

  beforeAll(async () => {
    await runMigrations(process.env.DATABASE_URL!);
    await dataSource.initialize();
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    await admin.disconnect();
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await dataSource.destroy();
  });

  const unpublished = async (): Promise<number> =>
    (
      await dataSource.query(
        `SELECT count(*)::int AS count FROM outbox WHERE topic = $1 AND published_at IS NULL`,
        [topic],
      )
    )[0].count;

  it('should leave the outbox to the relay holding it, then publish the rows in id order', async () => {
    await dataSource.query(
      `INSERT INTO outbox (topic, key, value) SELECT $1, 'k', 'm' || n FROM generate_series(1, 3) n`,
      [topic],
    );
    const otherRelay = dataSource.createQueryRunner();
    await otherRelay.startTransaction();
    await otherRelay.query(`SELECT pg_advisory_xact_lock(hashtext('larksync-outbox-relay'))`);
    try {
      expect(await relay.relayOnce()).toBe(0);
      expect(await unpublished()).toBe(3);
    } finally {
      await otherRelay.commitTransaction();
      await otherRelay.release();
    }
    await eventually(
      'the rows published',
      async () => (await relay.relayOnce()) >= 0 && (await unpublished()) === 0,
    );
    const records = await readTopic(kafka, topic, { count: 3 });
    expect(records.map((record) => record.value)).toEqual(['m1', 'm2', 'm3']);
  });
});
