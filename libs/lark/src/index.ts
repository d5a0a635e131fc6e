export * from './protocol';
export * from './contact';
