export * from './boot';
export * from './metrics';
export * from './readiness';
export * from './platform.module';
export * from './admin-token.guard';
export * from './core-modules';
export * from './periodic-task';
