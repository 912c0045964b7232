import 'reflect-metadata';

export { buildEntitiesSchema } from './schema';
export { createEntitiesApp, type EntitiesApp } from './server';
export { loadEntitiesEnv, type EntitiesEnv } from './env';
export { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
export { seedDemoData } from './seed/demoSeed';
export { EXPORT_CONTEXT, exportNationalFeed, type NationalExportSummary } from './nationalFeed/nationalExport';
