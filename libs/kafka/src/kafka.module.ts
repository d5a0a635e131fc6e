import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
  OnModuleInit,
} from '@nestjs/common';
import { Admin, Kafka, KafkaConfig } from 'kafkajs';
import { topicSpecs } from '@app/contracts';
import { LOGGER, Logger } from '@app/logging';
import { createKafkaClient } from './kafka-client';
import { MessagePublisher } from './message.publisher';
import { provisionTopics } from './topic-provisioner';

export const KAFKA_READINESS = Symbol('KAFKA_READINESS');

export interface KafkaModuleOptions {
  brokers: string[];
  clientId: string;
  security?: Pick<KafkaConfig, 'ssl' | 'sasl'>;
}

/** Connects the shared producer and provisions topics at boot; disconnects last at shutdown. */
@Injectable()
class KafkaLifecycle implements OnModuleInit, OnApplicationShutdown {
  readonly admin: Admin;

  constructor(
    kafka: Kafka,
    private readonly publisher: MessagePublisher,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    const created = await provisionTopics(this.admin, topicSpecs);
    if (created.length > 0) this.logger.info({ topics: created }, 'topics created');
    await this.publisher.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.disconnect();
    await this.admin.disconnect();
  }
}

@Global()
@Module({})
export class KafkaModule {
  static forRoot({ brokers, clientId, security }: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      providers: [
        {
          provide: Kafka,
          useFactory: (logger: Logger) => createKafkaClient({ brokers, clientId, logger, security }),
          inject: [LOGGER],
        },
        {
          provide: MessagePublisher,
          useFactory: (kafka: Kafka) => new MessagePublisher(kafka),
          inject: [Kafka],
        },
        KafkaLifecycle,
        {
          provide: KAFKA_READINESS,
          useFactory: (lifecycle: KafkaLifecycle) => ({
            name: 'kafka',
            check: async () => {
              const { brokers: live } = await lifecycle.admin.describeCluster();
              if (live.length === 0) throw new Error('no broker available');
            },
          }),
          inject: [KafkaLifecycle],
        },
      ],
      exports: [Kafka, MessagePublisher, KAFKA_READINESS],
    };
  }
}
