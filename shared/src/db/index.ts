export * from './database';
export * from './statementCounter';
export * from './bulkInsert';
export * from './groupedWrites';
export * from './ulid';
export * from './appendOnly';
export * from './accounts';
export * from './tallyUpsert';
