export * from './access-control';
export * from './access.decorators';
export * from './access.module';
export * from './authentication';
export * from './credential-secret';
export * from './credential-verifier';
export * from './roles';
