import type { DataSource, EntityManager } from 'typeorm';
import { actorOf } from '../auth/principal';
import type { ServiceContext } from '../server/context';
import { AuditEntry } from './auditEntry.entity';

export interface AuditEvent {
  action: string;
  subjectCodes: string[];
  target?: string;
}

/**
 * Writes one row per subject touched. Pass the transaction's manager when the audited act is
 * a write, so that the act and its audit entry commit or roll back together.
 */
export async function audit(db: DataSource | EntityManager, ctx: ServiceContext, event: AuditEvent): Promise<void> {
  if (event.subjectCodes.length === 0) return;
  const actor = actorOf(ctx.principal);
  const role = ctx.principal?.role ?? 'ANONYMOUS';
  const rows = event.subjectCodes.map((subjectCode) => ({
    actor,
    role,
    action: event.action,
    subjectCode,
    target: event.target ?? null,
    requestId: ctx.requestId,
  }));
  await db.getRepository(AuditEntry).insert(rows);
}
