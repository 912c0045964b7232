import 'reflect-metadata';

export { buildRecordsSchema } from './schema';
export { createRecordsApp, type RecordsApp, type RecordsAppOptions } from './server';
export { loadRecordsEnv, type RecordsEnv } from './env';
export { ENTITIES, MIGRATIONS, SERVICE_NAME } from './entities';
export { seedDemoRecords } from './seed/demoRecords';
export { rebuildTallies, checkTallies } from './aggregates/tallyMaintenance';
export type { DomainCatalogue, SourceUnitDirectory, SourceUnitInfo } from './catalogue/entitiesDirectory';
