export * from './lark-mapping';
export * from './field-mapping';
