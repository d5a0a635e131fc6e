export * from './lark-mapping';
export * from './field-mapping';
export * from './org-tree';
export * from './scope';
export * from './directory-records';
export * from './event-reconciliation';
export * from './deletion-guard';
export * from './snapshot-diff';
