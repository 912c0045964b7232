// The typed internal clients: one namespace per callee, generated from its committed schema.graphql
// (`pnpm codegen`), used with a ServiceClient: `call(RecordsApi.ApplyCorrectionDocument, { input })`.
export * as AuditLogApi from './generated/auditLog';
export * as EntitiesApi from './generated/entities';
export * as RecordsApi from './generated/records';
export * as ReportsApi from './generated/reports';
export * from './entitiesCatalogue';
