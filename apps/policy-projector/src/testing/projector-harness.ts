import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Consumer, Kafka } from 'kafkajs';
import { loadConfig } from '@app/config';
import { DirectoryChange, entityKey, Topics } from '@app/contracts';
import { BatchConsumerServer, MessagePublisher } from '@app/kafka';
import { createLogger } from '@app/logging';
import { appDatabaseUrl } from '@app/testing';
import { AppModule } from '../app.module';
import { PolicyProjectorEnv } from '../config/policy-projector.config';

export const TEST_ADMIN_TOKEN = 'projector-test-admin-token';
export const authorization = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/**
 * Boots the projector in-process, as its own database role; with `consume`, it also consumes directory.changes.v1
 * under a unique group.
 */
export async function startProjector(options: { consume: boolean }): Promise<NestFastifyApplication> {
  const config = loadConfig(PolicyProjectorEnv, {
    ...process.env,
    DATABASE_URL: await appDatabaseUrl('policy-projector', process.env.DATABASE_URL!),
    LARKSYNC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PORT: '8083',
  });
  const logger = createLogger('policy-projector-test', process.env.PROJECTOR_TEST_LOG_LEVEL ?? 'silent');
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, logger),
    new FastifyAdapter(),
    { logger: false },
  );
  if (options.consume) {
    const strategy = new BatchConsumerServer({
      kafka: app.get(Kafka),
      groupId: `projector-test-${randomUUID()}`,
      topics: [Topics.directoryChanges],
      deadLetters: app.get(MessagePublisher),
      logger,
    });
    app.connectMicroservice({ strategy }, { inheritAppConfig: true });
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  if (options.consume) await app.startAllMicroservices();
  return app;
}

export async function publishChanges(app: NestFastifyApplication, changes: DirectoryChange[]): Promise<void> {
  await app.get(MessagePublisher).publish(
    Topics.directoryChanges,
    changes.map((change) => ({
      key: entityKey(change.idpId, change.entityId),
      value: JSON.stringify(change),
    })),
  );
}

export interface TopicRecord {
  topic: string;
  key: string;
  value: Record<string, any> | null;
}

/** Collects the SASE topics' records of the given IdPs from the beginning. */
export class TopicCollector {
  readonly records: TopicRecord[] = [];
  private consumer?: Consumer;

  constructor(
    private readonly kafka: Kafka,
    private readonly idpIds: Set<string>,
  ) {}

  async start(): Promise<void> {
    this.consumer = this.kafka.consumer({ groupId: `collector-${randomUUID()}`, maxWaitTimeInMs: 50 });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [Topics.saseSubjects, Topics.saseDepartments],
      fromBeginning: true,
    });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        const key = message.key?.toString() ?? '';
        if (!this.idpIds.has(key.slice(0, key.indexOf(':')))) return;
        this.records.push({ topic, key, value: message.value ? JSON.parse(message.value.toString()) : null });
      },
    });
  }

  stop(): Promise<void> {
    return this.consumer?.disconnect() ?? Promise.resolve();
  }

  /** The latest record per key of a topic (what compaction keeps). */
  latest(topic: string): Map<string, Record<string, any> | null> {
    const latest = new Map<string, Record<string, any> | null>();
    for (const record of this.records) if (record.topic === topic) latest.set(record.key, record.value);
    return latest;
  }

  async waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
