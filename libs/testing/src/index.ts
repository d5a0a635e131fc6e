export * from './app-database-url';
export * from './eventually';
export * from './test-master-key';
export * from './scratch-database';
