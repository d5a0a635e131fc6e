/** Lark contact API v3 client used by the full sync. */
export * from './contact-types';
export * from './lark-api-error';
export * from './lark-transport';
export * from './rate-pacer';
export * from './tenant-token-provider';
export * from './lark-request-executor';
export * from './lark-contact-client';
export * from './org-snapshot';
export * from './work-queue';
