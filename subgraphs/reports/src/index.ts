import 'reflect-metadata';

export { buildReportsSchema } from './schema';
export { createReportsApp, type ReportsApp } from './server';
export { loadReportsEnv, type ReportsEnv } from './env';
export { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
export { formatReportNumber } from './report/reportNumber';
