import { Kafka } from 'kafkajs';
import { createLogger, Logger } from '@app/logging';
import { createKafkaClient } from '../kafka-client';

/** A Kafka client on the brokers the test launcher started (KAFKA_BROKERS), logging nothing unless given a logger. */
export function testKafkaClient(clientId: string, logger: Logger = createLogger(clientId, 'silent')): Kafka {
  return createKafkaClient({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId, logger });
}
