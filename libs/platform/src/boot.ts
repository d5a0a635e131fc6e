import { DynamicModule, INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { trustedProxies } from '@app/config';
import { createLogger, Logger, PinoNestLogger } from '@app/logging';
import { serveManagementOnItsOwnPort } from './management-port';

type AppEnv = {
  PORT: number;
  MANAGEMENT_PORT?: number;
  HOST: string;
  LOG_LEVEL: string;
  TRUSTED_PROXIES?: string;
};

export interface BootOptions<C extends AppEnv> {
  service: string;
  loadConfig: () => C;
  module: (config: C, logger: Logger) => DynamicModule;
  /** Runs after module init, before listen: attach microservices (Kafka consumers), Swagger… */
  beforeListen?: (app: NestFastifyApplication, config: C, logger: Logger) => Promise<void> | void;
  bodyLimitBytes?: number;
}

/** Starts the app with config already validated by the app's `instrument.ts`, before anything heavy loaded. */
export async function bootApp<C extends AppEnv>(options: BootOptions<C>): Promise<INestApplication> {
  const config = options.loadConfig();
  const logger = createLogger(options.service, config.LOG_LEVEL);
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module(config, logger),
    new FastifyAdapter({
      bodyLimit: options.bodyLimitBytes ?? 1024 * 1024,
      trustProxy: trustedProxies(config),
    }),
    { logger: new PinoNestLogger(logger), bufferLogs: true, rawBody: true },
  );
  app.enableShutdownHooks();
  const listenForManagement =
    config.MANAGEMENT_PORT === undefined ? undefined : serveManagementOnItsOwnPort(app);
  // Modules initialise first (topics provisioned, producer connected), so consumers never subscribe too early.
  await app.init();
  await options.beforeListen?.(app, config, logger);
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  if (listenForManagement) await listenForManagement(config.MANAGEMENT_PORT!, config.HOST);
  logger.info({ port: config.PORT, managementPort: config.MANAGEMENT_PORT }, `${options.service} listening`);
  return app;
}
