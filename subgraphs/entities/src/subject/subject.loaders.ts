import { auditRead, isAuditedRead, type ServiceContext } from '@credit/shared';
import DataLoader from 'dataloader';
import type { Subject } from './subject.type';
import { assertMayReadSubject, toSubjectView } from './subjectAccess';
import type { SubjectService } from './subject.service';
import type { DataSource } from 'typeorm';

/**
 * Per-request loader of subject views: one SELECT and at most one audit INSERT per batch,
 * however many subjects a query or the gateway's `_entities` call asks for.
 */
export function createSubjectViewLoader(ctx: ServiceContext, subjects: SubjectService, db: DataSource) {
  return new DataLoader<string, Subject | null>(async (codes): Promise<(Subject | null | Error)[]> => {
    const p = ctx.principal;
    const denied = new Map<string, Error>();
    for (const code of codes) {
      try {
        assertMayReadSubject(p, code);
      } catch (err) {
        denied.set(code, err as Error);
      }
    }
    const rows = await subjects.findByCodes(codes.filter((c) => !denied.has(c)));
    const byCode = new Map(rows.map((r) => [r.creditCode, r]));
    const audited = rows.filter((r) => isAuditedRead(p!, r.creditCode)).map((r) => r.creditCode);
    await auditRead(db, ctx, { action: 'subject.read', subjectCodes: audited });
    return codes.map((c) => {
      if (denied.has(c)) return denied.get(c)!;
      const row = byCode.get(c);
      return row ? toSubjectView(row, p) : null;
    });
  });
}
