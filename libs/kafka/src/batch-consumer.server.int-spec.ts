import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { INestMicroservice } from '@nestjs/common';
import { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createLogger } from '@app/logging';
import { BatchConsumerServer } from './batch-consumer.server';
import { ConsumedBatch, PoisonMessageError } from './consumed-batch';
import { MessagePublisher } from './message.publisher';
import { readTopic } from './testing';
import { testKafkaClient } from './testing/test-kafka-client';
import { eventually } from '@app/testing';

const logger = createLogger('kafka-int-spec', 'silent');
const kafka: Kafka = testKafkaClient('kafka-int-spec', logger);
const topic = `test.batch.${randomUUID()}`;
const seen: string[] = [];
let failuresLeft = 0;
let handlerDelayMs = 0;

@Controller()
class RecordingConsumer {
  @EventPattern(topic)
  async handle(@Payload() batch: ConsumedBatch): Promise<void> {
    if (handlerDelayMs) await new Promise((resolve) => setTimeout(resolve, handlerDelayMs));
    for (const message of batch.messages) {
      const value = message.value!.toString();
      if (value.startsWith('poison')) throw new PoisonMessageError(`cannot parse ${value}`);
    }
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('database unavailable');
    }
    seen.push(...batch.messages.map((message) => message.value!.toString()));
  }
}

@Module({ controllers: [RecordingConsumer] })
class ConsumerModule {}

describe('BatchConsumerServer with MessagePublisher (real Kafka)', () => {
  const publisher = new MessagePublisher(kafka);
  const admin: Admin = kafka.admin();
  const groupId = `group-${randomUUID()}`;
  let consumer: INestMicroservice;

  async function startConsumer(): Promise<void> {
    const strategy = new BatchConsumerServer({
      kafka,
      groupId,
      topics: [topic],
      deadLetters: publisher,
      logger,
      maxAttempts: 2,
    });
    consumer = await NestFactory.createMicroservice(ConsumerModule, { strategy, logger: false });
    await consumer.listen();
  }

  async function committedOffset(): Promise<number> {
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return Number(offsets.partitions[0].offset);
  }

  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [topic, `${topic}.dlq`].map((name) => ({ topic: name, numPartitions: 1 })),
    });
    await publisher.connect();
    await startConsumer();
  });

  afterAll(async () => {
    await consumer?.close();
    await publisher.disconnect();
    await admin.disconnect();
  });

  it('should deliver concurrent publishes, retry a transient failure and commit only what was handled', async () => {
    failuresLeft = 1;
    await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        publisher.publish(topic, [{ key: `k${index % 7}`, value: `m${index}` }]),
      ),
    );
    await eventually('200 messages', async () => seen.length >= 200);
    expect(new Set(seen).size).toBe(200);
    expect(failuresLeft).toBe(0);
    await waitForCommitted(200);
  });

  it('should dead-letter a poison message with its error and go on with the rest of the batch', async () => {
    await publisher.publish(topic, [
      { key: 'a', value: 'm-before' },
      { key: 'b', value: 'poison-1' },
      { key: 'c', value: 'm-after' },
    ]);
    await eventually('the message after the poison one', async () => seen.includes('m-after'));
    expect(seen).toContain('m-before');
    const dead = await readTopic(kafka, `${topic}.dlq`, { count: 1 });
    expect(dead[0].value).toBe('poison-1');
    expect(dead[0].headers['larksync-error']).toMatch(/cannot parse poison-1/);
    await waitForCommitted(203);
  });

  it('should finish the in-flight batch and commit it when closed', async () => {
    handlerDelayMs = 1500;
    await publisher.publish(topic, [{ key: 'z', value: 'm-in-flight' }]);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await consumer.close();
    expect(seen).toContain('m-in-flight');
    expect(await committedOffset()).toBe(204);
    handlerDelayMs = 0;
    await startConsumer();
  });

  async function waitForCommitted(offset: number): Promise<void> {
    const deadline = Date.now() + 20_000;
    while ((await committedOffset()) !== offset) {
      if (Date.now() > deadline) throw new Error(`committed offset never reached ${offset}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
});

const spreadTopic = `test.spread.${randomUUID()}`;
const handledBatches: ConsumedBatch[] = [];

@Controller()
class SpreadConsumer {
  @EventPattern(spreadTopic)
  handle(@Payload() batch: ConsumedBatch): void {
    if (batch.messages.some((message) => message.value!.toString().startsWith('poison')))
      throw new PoisonMessageError('poison in the batch');
    handledBatches.push(batch);
  }
}

@Module({ controllers: [SpreadConsumer] })
class SpreadModule {}

describe('BatchConsumerServer over several partitions (real Kafka)', () => {
  const admin: Admin = kafka.admin();
  const groupId = `group-${randomUUID()}`;
  const deadLetters = new MessagePublisher(kafka);
  let consumer: INestMicroservice | undefined;

  async function startSpreadConsumer(group: string): Promise<INestMicroservice> {
    const strategy = new BatchConsumerServer({
      kafka,
      groupId: group,
      topics: [spreadTopic],
      deadLetters,
      logger,
      maxAttempts: 1,
    });
    const started = await NestFactory.createMicroservice(SpreadModule, { strategy, logger: false });
    await started.listen();
    return started;
  }

  beforeAll(async () => {
    await admin.connect();
    await deadLetters.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: spreadTopic, numPartitions: 3 },
        { topic: `${spreadTopic}.dlq`, numPartitions: 1 },
      ],
    });
  });

  afterAll(async () => {
    await consumer?.close();
    await deadLetters.disconnect();
    await admin.disconnect();
  });

  it('should hand the partitions of one fetch to the handler together and commit every partition', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: spreadTopic,
      messages: [0, 1, 2].flatMap((partition) =>
        [0, 1].map((index) => ({ partition, value: `p${partition}-m${index}` })),
      ),
    });
    await producer.disconnect();

    consumer = await startSpreadConsumer(groupId);

    await eventually(
      'six messages handled',
      async () => handledBatches.flatMap((b) => b.messages).length >= 6,
    );
    expect(handledBatches).toHaveLength(1);
    const messages = handledBatches[0].messages;
    expect(new Set(messages.map((message) => message.partition))).toEqual(new Set([0, 1, 2]));
    for (const partition of [0, 1, 2])
      expect(
        messages.filter((message) => message.partition === partition).map((m) => m.value!.toString()),
      ).toEqual([`p${partition}-m0`, `p${partition}-m1`]);
    await consumer.close();
    consumer = undefined;
    const [offsets] = await admin.fetchOffsets({ groupId, topics: [spreadTopic] });
    expect(offsets.partitions.map(({ offset }) => offset)).toEqual(['2', '2', '2']);
  });

  it('should dead-letter a poison message of one partition and handle and commit the other partitions', async () => {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic: spreadTopic,
      messages: [
        { partition: 0, value: 'poison-p0' },
        { partition: 1, value: 'p1-after' },
        { partition: 2, value: 'p2-after' },
      ],
    });
    await producer.disconnect();
    const group = `group-${randomUUID()}`;
    consumer = await startSpreadConsumer(group);

    const handled = () => handledBatches.flatMap((batch) => batch.messages.map((m) => m.value!.toString()));
    await eventually('the messages after the poison one', async () =>
      ['p1-after', 'p2-after'].every((value) => handled().includes(value)),
    );
    const dead = await readTopic(kafka, `${spreadTopic}.dlq`, { count: 1 });
    expect(dead.map((record) => record.value)).toEqual(['poison-p0']);
    expect(dead[0].headers['larksync-error']).toMatch(/poison in the batch/);
    await consumer.close();
    consumer = undefined;
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [spreadTopic] });
    expect(offsets.partitions.map(({ offset }) => offset)).toEqual(['3', '3', '3']);
  });
});
