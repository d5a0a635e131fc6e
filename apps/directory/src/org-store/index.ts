export * from './idp.repository';
export * from './org-change';
export * from './org.reader';
export * from './org.writer';
export * from './outbox.writer';
export * from './org-store.module';
