import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { BaseEnv, loadConfig } from '@app/config';
import { createKafkaClient, kafkaConnectionSecurity } from '@app/kafka';
import { createLogger } from '@app/logging';
import { CleanupStack } from './cleanup-stack';
import { KafkaBroker, startKafkaBroker } from './kafka-broker';
import { issueTestCertificates, TestCertificates } from './test-certificates';

/* The apps' Kafka settings against a broker that only speaks SASL_SSL with SCRAM on the listener the apps use. */
const user = { name: 'larksync-app', password: 'scram-test-password' };
const dir = mkdtempSync(join(tmpdir(), 'kafka-transport-'));
const cleanup = new CleanupStack();
let certificates: TestCertificates;
let broker: KafkaBroker;

beforeAll(async () => {
  certificates = issueTestCertificates(dir, 'broker');
  broker = await startKafkaBroker({
    cleanup,
    secure: { keystoreFile: certificates.serverKeystoreFile, scramUser: user },
  });
}, 120_000);

afterAll(async () => {
  await cleanup.run();
  rmSync(dir, { recursive: true, force: true });
});

function appEnv(overrides: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    KAFKA_BROKERS: broker.secureBootstrapServers,
    KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
    KAFKA_SASL_MECHANISM: 'SCRAM-SHA-256',
    KAFKA_SASL_USERNAME: user.name,
    KAFKA_SASL_PASSWORD: user.password,
    KAFKA_SSL_CA_FILE: certificates.caFile,
    ...overrides,
  };
}

/** A client that gives up at the first refusal, as the refusals below are not worth retrying. */
function impatientClient(env: NodeJS.ProcessEnv): Kafka {
  const config = loadConfig(BaseEnv, env);
  return new Kafka({
    clientId: 'transport-refusal',
    brokers: [config.KAFKA_BROKERS],
    ...kafkaConnectionSecurity(config),
    connectionTimeout: 3000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
}

describe('Kafka over SASL_SSL with SCRAM', () => {
  it.each(['SCRAM-SHA-256', 'SCRAM-SHA-512'])(
    'should create, produce and read back with %s',
    async (mechanism) => {
      const config = loadConfig(BaseEnv, appEnv({ KAFKA_SASL_MECHANISM: mechanism }));
      const kafka = createKafkaClient({
        brokers: [config.KAFKA_BROKERS],
        clientId: 'transport-test',
        logger: createLogger('transport-test', 'silent'),
        security: kafkaConnectionSecurity(config),
      });
      const topic = `transport.${mechanism.toLowerCase()}`;
      const admin = kafka.admin();
      const producer = kafka.producer();
      await Promise.all([admin.connect(), producer.connect()]);
      try {
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
        await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'sealed in transit' }] });
        const [partition] = await admin.fetchTopicOffsets(topic);
        expect(partition.high).toBe('1');
      } finally {
        await Promise.all([admin.disconnect(), producer.disconnect()]);
      }
    },
  );

  it('should be refused with a wrong password', async () => {
    const admin = impatientClient(appEnv({ KAFKA_SASL_PASSWORD: 'not-the-password' })).admin();
    await expect(admin.connect()).rejects.toThrow(
      /SASL SCRAM SHA256 authentication failed|Authentication failed/i,
    );
  });

  it('should refuse a broker whose certificate does not chain to the configured CA', async () => {
    const stranger = issueTestCertificates(dir, 'stranger');
    const admin = impatientClient(appEnv({ KAFKA_SSL_CA_FILE: stranger.caFile })).admin();
    await expect(admin.connect()).rejects.toThrow(/certificate|self.signed|issuer/i);
  });

  it('should get nowhere speaking plaintext to the secure listener', async () => {
    const admin = impatientClient({ KAFKA_BROKERS: broker.secureBootstrapServers }).admin();
    await expect(admin.connect()).rejects.toThrow();
  });
});
