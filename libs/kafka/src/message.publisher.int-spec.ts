import { randomUUID } from 'node:crypto';
import { MessagePublisher } from './message.publisher';
import { readTopic } from './testing';
import { testKafkaClient } from './testing/test-kafka-client';

describe('MessagePublisher (real Kafka)', () => {
  const kafka = testKafkaClient('publisher-int-spec');
  const publisher = new MessagePublisher(kafka);
  const admin = kafka.admin();
  const topic = `test.publisher.${randomUUID()}`;
  const [first, second] = [randomUUID(), randomUUID()].map((id) => `test.publisher.${id}`);

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 1 },
        { topic: first, numPartitions: 1 },
        { topic: second, numPartitions: 1 },
      ],
    });
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
    const records = await readTopic(kafka, topic, { count: messages.length, timeoutMs: 30_000 });
    expect(records.map((record) => Number(record.value!.split(':')[0]))).toEqual(
      messages.map((_, index) => index),
    );
  });

  it('should keep the call order per topic when concurrent calls to two topics share produce requests', async () => {
    const calls = Array.from({ length: 400 }, (_, index) => ({
      to: index % 2 === 0 ? first : second,
      value: String(index),
    }));
    await Promise.all(calls.map(({ to, value }) => publisher.publish(to, [{ key: 'one-key', value }])));
    for (const to of [first, second]) {
      const sent = calls.filter((call) => call.to === to).map((call) => call.value);
      const read = await readTopic(kafka, to, { count: sent.length, timeoutMs: 30_000 });
      expect(read.map((record) => record.value)).toEqual(sent);
    }
  });
});
