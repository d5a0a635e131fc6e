import { randomUUID } from 'node:crypto';
import { Admin, ConfigResourceTypes, Consumer, EachMessagePayload, Kafka, logLevel, Producer } from 'kafkajs';

/*
 * Smoke test of kafkajs 2.2.4 against the broker that with-infra started (Kafka 4.1.x from
 * Maven Central jars, or whatever KAFKA_BROKERS points at): the features larksync relies on.
 */
const kafka = new Kafka({
  clientId: 'kafka-broker-smoke',
  brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
  logLevel: logLevel.WARN,
});
const uniqueName = (prefix: string) => `${prefix}.${randomUUID()}`;

describe('kafkajs against the local broker', () => {
  const admin: Admin = kafka.admin();
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterAll(async () => {
    await Promise.all([
      admin.disconnect(),
      producer.disconnect(),
      ...consumers.map((consumer) => consumer.disconnect()),
    ]);
  });

  it('should produce idempotently, consume in a group and commit the offsets', async () => {
    const topic = uniqueName('smoke.events');
    const groupId = uniqueName('smoke-group');
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });

    const [result] = await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'idp-1:dep-1', value: 'first' },
        { key: 'idp-1:dep-1', value: 'second' },
      ],
    });
    expect(result.errorCode).toBe(0);

    const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    consumers.push(consumer);
    const received = await consumeValues(consumer, topic, 2);
    expect(received).toEqual(['first', 'second']);

    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    expect(offsets.partitions).toEqual([expect.objectContaining({ partition: 0, offset: '2' })]);
  });

  it('should create a compacted topic whose config the broker reports', async () => {
    const topic = uniqueName('smoke.subjects');
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 2, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }],
      waitForLeaders: true,
    });
    expect(created).toBe(true);

    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['cleanup.policy'] }],
    });
    const entries = described.resources[0].configEntries;
    expect(entries).toEqual([
      expect.objectContaining({ configName: 'cleanup.policy', configValue: 'compact' }),
    ]);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0].partitions).toHaveLength(2);
  });
});

/** Consumes `count` messages, committing each one's offset before it is counted. */
async function consumeValues(consumer: Consumer, topic: string, count: number): Promise<string[]> {
  const values: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise<void>((resolve, reject) => {
    const eachMessage = async ({ message, partition }: EachMessagePayload) => {
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      values.push(message.value?.toString() ?? '');
      if (values.length === count) resolve();
    };
    consumer.run({ autoCommit: false, eachMessage }).catch(reject);
  });
  await consumer.stop();
  return values;
}
