export * from './auditEntry.entity';
export * from './audit';
