export * from './auditEntry.entity';
export * from './audit';
export * from './auditRecord.type';
export * from './auditLog.resolver';
export * from './groupedAudit';
export * from './auditAnchor.entity';
export * from './auditAnchors';
