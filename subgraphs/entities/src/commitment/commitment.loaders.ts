import { auditRead, forbidden, isOwner, Role, type ServiceContext, unauthenticated } from '@credit/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { CommitmentService } from './commitment.service';
import { toCommitment } from './commitment.service';
import type { Commitment } from './commitment.type';

/** Roles that may see a subject's commitments besides the subject itself. */
const READERS = new Set<string>([Role.LEAD_DEPARTMENT, Role.OPERATOR, Role.SOURCE_UNIT, Role.SERVICE]);

/** `Subject.commitments` for many subjects: one SELECT and at most one audit INSERT per batch. */
export function createCommitmentLoader(ctx: ServiceContext, commitments: CommitmentService, db: DataSource) {
  return new DataLoader<string, Commitment[]>(async (codes): Promise<(Commitment[] | Error)[]> => {
    const p = ctx.principal;
    if (!p) return codes.map(() => unauthenticated('reading commitments requires a bearer token'));
    const allowed = codes.filter((c) => isOwner(p, c) || READERS.has(p.role));
    const rows = await commitments.forSubjects(allowed);
    await auditRead(db, ctx, { action: 'commitment.read', subjectCodes: allowed.filter((c) => !isOwner(p, c)) });
    const bySubject = new Map<string, Commitment[]>();
    for (const r of rows) bySubject.set(r.creditCode, [...(bySubject.get(r.creditCode) ?? []), toCommitment(r)]);
    return codes.map((c) =>
      allowed.includes(c) ? (bySubject.get(c) ?? []) : forbidden(`role ${p.role} may not read the commitments of ${c}`),
    );
  });
}
