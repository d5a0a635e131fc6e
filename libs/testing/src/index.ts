export * from './eventually';
export * from './test-master-key';
