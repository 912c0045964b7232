import { createLogger, lawfulNonPunishment, Role, type ServiceContext } from '@credit/shared';
import { Brackets, Not, type DataSource } from 'typeorm';
import { RecordEntity } from '../record/record.entity';
import type { RecordService } from '../record/record.service';
import { RecordStatus } from '../record/record.type';

export interface NonPunishmentFinding {
  id: string;
  sourceUnitCode: string;
  decisionNumber: string;
  creditCode: string;
  field: string;
  wording: string;
}

// Candidates by SQL (LIKE on the two texts): every text the shared rule can read as 不予/免予处罚
// holds one of these in order. The rule in shared contracts decides.
const PHRASES = ['%不予%处罚%', '%免予%处罚%', '%免于%处罚%'];

/** Stored, not revoked records whose own text states a lawful non-punishment (stored before the rule). */
export async function findStoredNonPunishments(db: DataSource): Promise<NonPunishmentFinding[]> {
  const qb = db
    .getRepository(RecordEntity)
    .createQueryBuilder('r')
    .select(['r.id', 'r.sourceUnitCode', 'r.decisionNumber', 'r.creditCode'])
    .addSelect(['r.penaltyTypes', 'r.penaltyContent', 'r.fineAmount', 'r.confiscatedAmount', 'r.licenceAction'])
    .where({ status: Not(RecordStatus.REVOKED) })
    .andWhere(
      new Brackets((w) => {
        PHRASES.forEach((p, i) => {
          w.orWhere(`r.penaltyTypes LIKE :p${i}`, { [`p${i}`]: p }).orWhere(`r.penaltyContent LIKE :p${i}`);
        });
      }),
    )
    .orderBy('r.id');
  const out: NonPunishmentFinding[] = [];
  for (const r of await qb.getMany()) {
    const evidence = lawfulNonPunishment({
      penaltyTypes: r.penaltyTypes ? r.penaltyTypes.split(';') : null,
      penaltyContent: r.penaltyContent,
      fineAmount: r.fineAmount,
      confiscatedAmount: r.confiscatedAmount,
      licenceAction: r.licenceAction,
    });
    if (evidence) out.push({ ...pick(r), field: evidence.field, wording: evidence.wording });
  }
  return out;
}

const pick = (r: RecordEntity) => ({
  id: r.id,
  sourceUnitCode: r.sourceUnitCode,
  decisionNumber: r.decisionNumber,
  creditCode: r.creditCode,
});

/** The lead department's maintenance identity: every revocation is audited under it. */
export const maintenanceContext = (requestId: string): ServiceContext => ({
  requestId,
  log: createLogger('records-check', 'warn'),
  principal: { role: Role.LEAD_DEPARTMENT, sub: 'cli:records-check' },
});

/** Revokes each finding with a revision that says why; returns how many were revoked. */
export async function revokeNonPunishments(
  records: RecordService,
  findings: NonPunishmentFinding[],
  onProgress?: (done: number) => void,
): Promise<number> {
  const ctx = maintenanceContext(`records-check-${Date.now()}`);
  let done = 0;
  for (const f of findings) {
    await records.revoke(
      ctx,
      f.id,
      `依法不予行政处罚 ("${f.wording}" in ${f.field}): a lawful non-punishment is not a record (plan 二(2)); revoked by records:check`,
    );
    done++;
    onProgress?.(done);
  }
  return done;
}

export interface DuplicateDecision {
  decidingAuthorityCode: string;
  decisionNumber: string;
  records: number;
  units: string;
}

/**
 * Decisions held more than once (one record per decision: authority code + number). Run before
 * the DecisionIdentity migration on a database that predates it; afterwards the unique key holds.
 */
export async function findDuplicateDecisions(db: DataSource): Promise<DuplicateDecision[]> {
  const rows = await db
    .getRepository(RecordEntity)
    .createQueryBuilder('r')
    .select('r.decidingAuthorityCode', 'decidingAuthorityCode')
    .addSelect('r.decisionNumber', 'decisionNumber')
    .addSelect('COUNT(*)', 'records')
    .addSelect('GROUP_CONCAT(r.sourceUnitCode)', 'units')
    .groupBy('r.decidingAuthorityCode')
    .addGroupBy('r.decisionNumber')
    .having('COUNT(*) > 1')
    .getRawMany<{ decidingAuthorityCode: string; decisionNumber: string; records: string | number; units: string }>();
  return rows.map((r) => ({ ...r, records: Number(r.records) }));
}
