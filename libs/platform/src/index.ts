export * from './boot';
export * from './metrics';
export * from './readiness';
export * from './platform.module';
