import { resolveSubjectKind, type SubjectKindProblem } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { SubjectEntity } from './subject.entity';

export interface KindMismatch {
  creditCode: string;
  kind: string;
  problem: SubjectKindProblem;
}

export interface KindCheckSummary {
  checked: number;
  mismatches: KindMismatch[];
  /** Mismatches by stored kind and the kind the code calls for ("-" when none). */
  byKinds: Map<string, number>;
}

/** Subjects of a given kind and code, checked against each other as registration now checks them. */
export function kindMismatchesOf(rows: Pick<SubjectEntity, 'creditCode' | 'kind'>[]): KindMismatch[] {
  const out: KindMismatch[] = [];
  for (const r of rows) {
    const check = resolveSubjectKind(r.creditCode, r.kind);
    if (check.problem) out.push({ creditCode: r.creditCode, kind: r.kind, problem: check.problem });
  }
  return out;
}

/**
 * Reads the register in credit-code order, a page at a time, and lists the rows registered before
 * the kind was read from the code. Read-only: the service account suffices.
 */
export async function checkStoredKinds(db: DataSource, page = 5000): Promise<KindCheckSummary> {
  const repo = db.getRepository(SubjectEntity);
  const mismatches: KindMismatch[] = [];
  let checked = 0;
  let after = '';
  for (;;) {
    const rows = await repo
      .createQueryBuilder('s')
      .select(['s.creditCode', 's.kind'])
      .where('s.creditCode > :after', { after })
      .orderBy('s.creditCode', 'ASC')
      .limit(page)
      .getMany();
    if (rows.length === 0) break;
    checked += rows.length;
    mismatches.push(...kindMismatchesOf(rows));
    after = rows[rows.length - 1].creditCode;
  }
  const byKinds = new Map<string, number>();
  for (const m of mismatches) {
    const key = `${m.kind} -> ${m.problem.expected ?? '-'}`;
    byKinds.set(key, (byKinds.get(key) ?? 0) + 1);
  }
  return { checked, mismatches, byKinds };
}
