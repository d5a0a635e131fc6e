export * from './kafka-client';
export * from './topic-provisioner';
export * from './trace-headers';
export * from './message.publisher';
export * from './consumed-batch';
export * from './batch-consumer.server';
export * from './kafka.module';
export * from './connect-batch-consumer';
