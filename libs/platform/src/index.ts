export * from './boot';
export * from './metrics';
export * from './readiness';
export * from './platform.module';
export * from './access';
export * from './core-modules';
export * from './periodic-task';
export * from './retention-task';
