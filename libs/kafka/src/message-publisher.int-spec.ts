import { randomUUID } from 'node:crypto';
import { createLogger } from '@app/logging';
import { createKafkaClient } from './kafka-client';
import { MessagePublisher } from './message-publisher';
import { readAll } from './testing/read-topic';

describe('MessagePublisher (real Kafka)', () => {
  const kafka = createKafkaClient({
    brokers: process.env.KAFKA_BROKERS!.split(','),
    clientId: 'publisher-int-spec',
    logger: createLogger('test', 'silent'),
  });
  const publisher = new MessagePublisher(kafka);
  const admin = kafka.admin();
  const topic = `test.publisher.${randomUUID()}`;

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] });
    await publisher.connect();
  });

  afterAll(async () => {
    await publisher.disconnect();
    await admin.disconnect();
  });

  it('should split one publish larger than a produce request and keep its order', async () => {
    const document = 'x'.repeat(600);
    const messages = Array.from({ length: 6000 }, (_, index) => ({
      key: 'same-key',
      value: `${index}:${document}`,
    }));
    await publisher.publish(topic, messages);
    const records = await readAll(kafka, topic, messages.length, 30_000);
    expect(records.map((record) => Number(record.value!.split(':')[0]))).toEqual(
      messages.map((_, index) => index),
    );
  });
});
