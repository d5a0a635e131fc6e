import { Kafka, KafkaConfig, logLevel, LogEntry } from 'kafkajs';
import { Logger } from '@app/logging';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

export interface KafkaClientOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** TLS and SASL (kafkaConnectionSecurity); none for a local broker. */
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/** One kafkajs client per app, logging through the shared logger. */
export function createKafkaClient({ brokers, clientId, logger, security }: KafkaClientOptions): Kafka {
  const kafkaLogger = logger.child({ context: 'kafkajs' });
  return new Kafka({
    clientId,
    brokers,
    ...security,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        kafkaLogger[LEVELS[level] ?? 'info']({ ...extra, stack: undefined }, message);
      },
  });
}
