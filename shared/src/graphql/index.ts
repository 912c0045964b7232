export * from './connection';
export * from './selects';
export * from './recordFieldTypes';
