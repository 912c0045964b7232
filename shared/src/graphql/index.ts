export * from './connection';
export * from './selects';
