import { randomBytes } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { Topics } from '@app/contracts';
import { Logger } from '@app/logging';
import { appDatabaseUrl } from '@app/testing';
import { AppModule } from '../app.module';
import { DirectoryEnv } from '../config/directory.config';
import { connectDirectoryConsumer } from '../consumer-transport';
import { setupSwagger } from '../idp-admin/swagger';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestDirectoryApp {
  app: NestFastifyApplication;
  config: DirectoryEnv;
  dataSource: DataSource;
}

/**
 * Boots the directory app in-process against the test infrastructure, as its own database role; `groupId` keeps
 * its consumer apart.
 */
export async function startDirectoryApp(logger: Logger, groupId?: string): Promise<TestDirectoryApp> {
  const config = loadConfig(DirectoryEnv, {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS,
    DATABASE_URL: await appDatabaseUrl('directory', process.env.DATABASE_URL!),
    LARKSYNC_MASTER_KEY: randomBytes(32).toString('base64'),
    LARKSYNC_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PUBLIC_BASE_URL: 'https://sase.example.com',
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, logger),
    new FastifyAdapter(),
    {
      logger: false,
      rawBody: true,
    },
  );
  setupSwagger(app);
  await app.init();
  // Contact events only: directory.commands.v1 is shared by every test file, and full syncs have their own tests.
  if (groupId) connectDirectoryConsumer(app, logger, { groupId, topics: [Topics.larkEvents] });
  await app.startAllMicroservices();
  await app.getHttpAdapter().getInstance().ready();
  return { app, config, dataSource: app.get(DataSource) };
}

/** Inserts an IdP row directly (the admin API has its own tests). */
export async function insertIdp(dataSource: DataSource, scope: unknown = { mode: 'all' }): Promise<string> {
  const [row] = await dataSource.query(
    `INSERT INTO idp (name, sealed_credentials, scope) VALUES ($1, 'sealed', $2) RETURNING id`,
    [`idp-${randomBytes(6).toString('hex')}`, JSON.stringify(scope)],
  );
  return row.id;
}
