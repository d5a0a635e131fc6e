import { randomUUID } from 'node:crypto';
import { appDatabaseUrl, TEST_MASTER_KEY } from '@app/testing';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Admin, Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import {
  dataSourceOptions,
  Idp,
  IdpCredentials,
  IdpStatus,
  sealCredentials,
  SecretBox,
} from '@app/persistence';
import { readTopic } from '../../../libs/kafka/src/testing';
import { AppModule } from '../src/app.module';
import { IngressGatewayEnv } from '../src/config/ingress-gateway.config';
import { useJsonErrors } from '../src/http/json-error.filter';
import { LarkWebhookOptions } from '../src/lark-webhook/event-ingest.service';

export interface GatewayUnderTest {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

/**
 * The gateway as bootApp builds it (Fastify, raw body, 1 MiB limit), listening on a free loopback port, connected
 * as its own database role (`databaseUrl` is the migration user's).
 */
export async function startGateway(
  env: { kafkaBrokers: string; databaseUrl: string; masterKeys?: string },
  webhook: Partial<LarkWebhookOptions>,
): Promise<GatewayUnderTest> {
  const config = loadConfig(IngressGatewayEnv, {
    KAFKA_BROKERS: env.kafkaBrokers,
    DATABASE_URL: await appDatabaseUrl('ingress-gateway', env.databaseUrl),
    LARKSYNC_MASTER_KEYS: env.masterKeys ?? TEST_MASTER_KEY,
    LOG_LEVEL: 'silent',
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, logger, webhook),
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    {
      rawBody: true,
      logger: false,
    },
  );
  useJsonErrors(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), close: () => app.close() };
}

/** Writes IdP rows the way the directory's admin API does: credentials sealed under the master key. */
export class IdpFixtures {
  private readonly dataSource: DataSource;
  private readonly box: SecretBox;

  constructor(databaseUrl: string, masterKeys = TEST_MASTER_KEY) {
    this.box = new SecretBox(masterKeys);
    this.dataSource = new DataSource(dataSourceOptions(databaseUrl, 'gateway-test'));
  }

  async connect(): Promise<void> {
    await this.dataSource.initialize();
  }

  async create(
    credentials: IdpCredentials,
    overrides: { status?: IdpStatus; tenantKey?: string | null } = {},
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository(Idp).insert({
      id,
      name: `gateway-test-${id}`,
      status: overrides.status ?? 'enabled',
      sealedCredentials: sealCredentials(this.box, id, credentials),
      tenantKey: overrides.tenantKey ?? null,
    });
    return id;
  }

  async setStatus(id: string, status: IdpStatus): Promise<void> {
    await this.dataSource.getRepository(Idp).update({ id }, { status });
  }

  close(): Promise<void> {
    return this.dataSource.destroy();
  }
}

export function testKafka(brokers: string): Kafka {
  return new Kafka({ clientId: 'gateway-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
}

export async function createTopic(admin: Admin, prefix: string): Promise<string> {
  const topic = `${prefix}.${randomUUID()}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  return topic;
}

export interface TopicRecord {
  key: string;
  value: Record<string, unknown>;
  headers: Record<string, string>;
}

/** Every record of the topic up to its current end, values parsed. */
export async function readTopicJson(kafka: Kafka, topic: string): Promise<TopicRecord[]> {
  return (await readTopic(kafka, topic)).map(({ key, value, headers }) => ({
    key,
    value: JSON.parse(value ?? 'null') as Record<string, unknown>,
    headers,
  }));
}
