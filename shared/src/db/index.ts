export * from './database';
export * from './statementCounter';
