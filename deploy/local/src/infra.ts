import { CleanupStack } from './cleanup-stack';
import { isDockerAvailable, startKafkaContainer, startPostgresContainer } from './docker-infra';
import { logInfra, secondsSince } from './infra-log';
import { startKafkaBroker } from './kafka-broker';
import { InfraPurpose, startPostgres } from './postgres';

export type { InfraPurpose } from './postgres';

export interface Infra {
  kafkaBrokers: string;
  databaseUrl: string;
  /** Stops whatever this call started; safe to call more than once. */
  stop(): Promise<void>;
}

export interface InfraOptions {
  purpose: InfraPurpose;
  env?: NodeJS.ProcessEnv;
  /** Pass one to be able to undo a start that is still in flight (Ctrl-C during start). */
  cleanup?: CleanupStack;
}

/**
 * Kafka and PostgreSQL for tests, the demo and `npm start`: given ones (KAFKA_BROKERS, DATABASE_URL)
 * as they are; else containers where a Docker engine answers; else a Kafka broker from Maven
 * Central jars and the local (or an embedded) PostgreSQL.
 */
export async function startInfra(options: InfraOptions): Promise<Infra> {
  const env = options.env ?? process.env;
  const cleanup = options.cleanup ?? new CleanupStack();
  const startedAt = Date.now();
  const needsDocker = !env.KAFKA_BROKERS || !env.DATABASE_URL;
  const useDocker = needsDocker && (await isDockerAvailable());
  if (useDocker) logInfra('Docker engine found: using testcontainers');
  const [kafka, database] = await Promise.allSettled([
    env.KAFKA_BROKERS ?? startKafka(useDocker, cleanup),
    env.DATABASE_URL ?? startDatabase(useDocker, options.purpose, cleanup),
  ]);
  if (kafka.status === 'rejected' || database.status === 'rejected') {
    await cleanup.run();
    throw kafka.status === 'rejected' ? kafka.reason : (database as PromiseRejectedResult).reason;
  }
  logInfra(`infrastructure ready in ${secondsSince(startedAt)}`);
  return { kafkaBrokers: kafka.value, databaseUrl: database.value, stop: () => cleanup.run() };
}

async function startKafka(useDocker: boolean, cleanup: CleanupStack): Promise<string> {
  if (useDocker) return startKafkaContainer(cleanup);
  return (await startKafkaBroker({ cleanup })).bootstrapServers;
}

async function startDatabase(
  useDocker: boolean,
  purpose: InfraPurpose,
  cleanup: CleanupStack,
): Promise<string> {
  if (useDocker) return startPostgresContainer(purpose, cleanup);
  return (await startPostgres({ purpose, cleanup })).databaseUrl;
}
