export * from './data-source';
export * from './entities';
export * from './secret-box';
export * from './sealed-columns';
export * from './master-key-rotation';
export * from './idp-credentials';
export * from './database.module';
