import 'reflect-metadata';

export { buildObjectionsSchema } from './schema';
export { createObjectionsApp, type ObjectionsApp } from './server';
export { loadObjectionsEnv, type ObjectionsEnv } from './env';
export { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
