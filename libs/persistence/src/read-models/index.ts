export * from './api-credential-verification';
export * from './idp-lark-connection';
export * from './idp-sync-failure-streak';
export * from './idp-sync-schedule';
export * from './sign-in-standing';
export * from './enterprise-identity-source';
