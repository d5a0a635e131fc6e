export * from './data-source';
export * from './entities';
export * from './secret-box';
export * from './idp-credentials';
export * from './database.module';
export * from './app-roles';
export * from './read-models';
