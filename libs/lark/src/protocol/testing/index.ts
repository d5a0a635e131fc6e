export * from './lark-vectors';
export * from './lark-event-factory';
