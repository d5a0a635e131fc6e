export * from './test-kafka-client';
export * from './topic-recorder';
