export * from './start-telemetry';
export * from './in-span';
