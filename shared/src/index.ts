import 'reflect-metadata';

export * from './validators';
export * from './errors';
export * from './config';
export * from './logging';
export * from './auth';
export * from './db';
export * from './cache';
export * from './federation';
export * from './server';
export * from './db/migrateMain';
export * from './audit';
export * from './graphql';
export * from './demo';
export * from './metrics';
export * from './outbox';
export * from './contracts';
export * from './contracts/clients';
