export * from './load-config';
export * from './common-env';
export * from './secrets-env';
export * from './master-keys';
export * from './transport-env';
