import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { loadConfig } from '@app/config';
import { DirectoryChange, entityKey, Topics } from '@app/contracts';
import { BatchConsumerServer, MessagePublisher } from '@app/kafka';
import { createLogger } from '@app/logging';
import { appDatabaseUrl } from '@app/testing';
import { TopicRecorder } from '../../../../libs/kafka/src/testing';
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

export type SaseTopicsRecorder = TopicRecorder<Record<string, any> | null>;

/** Records the SASE topics' documents of the given IdPs from the beginning. */
export function recordSaseTopics(kafka: Kafka, idpIds: Set<string>): SaseTopicsRecorder {
  return new TopicRecorder(kafka, {
    topics: [Topics.saseSubjects, Topics.saseDepartments],
    keep: (key) => idpIds.has(key.slice(0, key.indexOf(':'))),
    decode: (value) => (value === null ? null : (JSON.parse(value) as Record<string, any>)),
  });
}
