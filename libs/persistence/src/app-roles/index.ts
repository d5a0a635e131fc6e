export * from './app-roles';
