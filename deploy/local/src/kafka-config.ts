import { randomBytes } from 'node:crypto';

export interface BrokerPorts {
  clientPort: number;
  controllerPort: number;
}

/** A SASL_SSL listener beside the plaintext one, with SCRAM users, as managed Kafka services offer. */
export interface SecureListener {
  port: number;
  /** PEM file with the broker's unencrypted PKCS#8 key and its certificate chain. */
  keystoreFile: string;
}

export interface BrokerPropertiesInput extends BrokerPorts {
  logDir: string;
  host?: string;
  secure?: SecureListener;
}

export const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

/** One-node KRaft broker with combined roles, sized for tests (see shared/reference/local-kafka.md). */
export function brokerProperties(input: BrokerPropertiesInput): Record<string, string> {
  const host = input.host ?? '127.0.0.1';
  return {
    'process.roles': 'broker,controller',
    'node.id': '1',
    'controller.quorum.voters': `1@${host}:${input.controllerPort}`,
    listeners: `PLAINTEXT://${host}:${input.clientPort},CONTROLLER://${host}:${input.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${input.clientPort}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': input.logDir,
    'num.partitions': '1',
    'offsets.topic.replication.factor': '1',
    'offsets.topic.num.partitions': '1',
    'transaction.state.log.replication.factor': '1',
    'transaction.state.log.min.isr': '1',
    'transaction.state.log.num.partitions': '1',
    'group.initial.rebalance.delay.ms': '0',
    'auto.create.topics.enable': 'false',
    'log.cleaner.backoff.ms': '1000',
    ...(input.secure && secureListenerProperties(host, input, input.secure)),
  };
}

function secureListenerProperties(
  host: string,
  ports: BrokerPorts,
  secure: SecureListener,
): Record<string, string> {
  return {
    listeners: `PLAINTEXT://${host}:${ports.clientPort},SASL_SSL://${host}:${secure.port},CONTROLLER://${host}:${ports.controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${host}:${ports.clientPort},SASL_SSL://${host}:${secure.port}`,
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL',
    'sasl.enabled.mechanisms': SCRAM_MECHANISMS.join(','),
    ...Object.fromEntries(
      SCRAM_MECHANISMS.map((mechanism) => [
        `listener.name.sasl_ssl.${mechanism.toLowerCase()}.sasl.jaas.config`,
        'org.apache.kafka.common.security.scram.ScramLoginModule required;',
      ]),
    ),
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': secure.keystoreFile,
  };
}

/** `kafka-storage format --add-scram` arguments: a SCRAM credential per mechanism for one user. */
export function scramCredentialArgs(user: { name: string; password: string }): string[] {
  return SCRAM_MECHANISMS.flatMap((mechanism) => [
    '--add-scram',
    `${mechanism}=[name=${user.name},password=${user.password}]`,
  ]);
}

/** Java properties text; backslashes are escaped so Windows-style paths survive. */
export function renderProperties(properties: Record<string, string>): string {
  const lines = Object.entries(properties).map(([key, value]) => `${key}=${value.replace(/\\/g, '\\\\')}`);
  return `${lines.join('\n')}\n`;
}

/** Same shape as `kafka-storage random-uuid`: 16 random bytes, base64url, never starting with '-'. */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export function kafkaVersionFromPom(pomXml: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match) throw new Error('deploy/local/kafka/pom.xml has no <kafka.version> property');
  return match[1];
}

export interface JavaArgsInput {
  libsDir: string;
  log4jConfig: string;
  mainClass: string;
  args: string[];
  jvmFlags?: string[];
}

export function javaArgs(input: JavaArgsInput): string[] {
  return [
    ...(input.jvmFlags ?? []),
    '-Xms256m',
    '-Xmx512m',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${input.log4jConfig}`,
    '-cp',
    `${input.libsDir}/*`,
    input.mainClass,
    ...input.args,
  ];
}
