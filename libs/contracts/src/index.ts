export * from './topics';
export * from './lark-events';
export * from './directory-commands';
export * from './directory-changes';
export * from './sase-projection';
export * from './headers';
export * from './idp-id';
export * from './enterprise-identifier';
