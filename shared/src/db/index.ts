export * from './database';
export * from './statementCounter';
export * from './bulkInsert';
export * from './ulid';
