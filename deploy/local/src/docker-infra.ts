import { execFile } from 'node:child_process';
import { CleanupStack } from './cleanup-stack';
import { findFreePorts } from './free-port';
import { logInfra, secondsSince } from './infra-log';
import { brokerProperties, newClusterId } from './kafka-config';
import { InfraPurpose } from './postgres';

/*
 * Only used where a Docker engine answers; this machine has none, so this file is untested here.
 * The machinery it replaces (Maven jars, local PostgreSQL) stays the default everywhere else.
 */
export const KAFKA_IMAGE = 'apache/kafka:4.1.2';
export const POSTGRES_IMAGE = 'postgres:15';

export function isDockerAvailable(timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: timeoutMs }, (error) =>
      resolve(!error),
    );
  });
}

/** Kafka's env-var form of server properties, as the apache/kafka image reads them. */
export function kafkaImageEnvironment(properties: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [
      `KAFKA_${key.toUpperCase().replace(/\./g, '_')}`,
      value,
    ]),
  );
}

/**
 * Kafka must advertise the address clients use, which Docker only knows after start, so the
 * client port is bound to the same free port on both sides (a local Docker engine is assumed).
 */
export async function startKafkaContainer(cleanup: CleanupStack): Promise<string> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  const startedAt = Date.now();
  const host = (await getContainerRuntimeClient()).info.containerRuntime.host;
  const [port] = await findFreePorts(1);
  const properties = {
    ...brokerProperties({
      clientPort: port,
      controllerPort: 9093,
      logDir: '/tmp/kraft-combined-logs',
      host: 'localhost',
    }),
    listeners: `PLAINTEXT://:${port},CONTROLLER://:9093`,
    'advertised.listeners': `PLAINTEXT://${host}:${port}`,
  };
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withEnvironment({ CLUSTER_ID: newClusterId(), ...kafkaImageEnvironment(properties) })
    .withExposedPorts({ container: port, host: port })
    .withWaitStrategy(Wait.forLogMessage('Kafka Server started'))
    .withStartupTimeout(120_000)
    .start();
  cleanup.add('Kafka container', async () => void (await container.stop()));
  logInfra(`kafka container ${KAFKA_IMAGE} ready on ${host}:${port} in ${secondsSince(startedAt)}`);
  return `${host}:${port}`;
}

export async function startPostgresContainer(purpose: InfraPurpose, cleanup: CleanupStack): Promise<string> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const startedAt = Date.now();
  const database = purpose === 'test' ? 'larksync_test' : 'larksync';
  const container = await new GenericContainer(POSTGRES_IMAGE)
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: database })
    .withExposedPorts(5432)
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  cleanup.add('PostgreSQL container', async () => void (await container.stop()));
  const url = `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/${database}`;
  logInfra(`postgres container ${POSTGRES_IMAGE} ready in ${secondsSince(startedAt)}`);
  return url;
}
