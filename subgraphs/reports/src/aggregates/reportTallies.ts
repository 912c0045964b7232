import { addToTally, bulkInsert, tallyStatements, type Progress } from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { CreditReportEntity } from '../report/report.entity';
import { ReportDayTallyEntity } from './reportTally.entity';

type Counted = Pick<CreditReportEntity, 'issuedDay' | 'scenario' | 'channel' | 'regionCode'>;

const tallyRow = (r: Counted, day: string, issued: number, revoked: number, verified: number) =>
  Object.assign(new ReportDayTallyEntity(), {
    day,
    scenario: r.scenario,
    channel: r.channel,
    regionCode: r.regionCode,
    issued,
    revoked,
    verified,
  });

/** In the issuance's transaction (one trip with its inserts): one more report issued on its day. */
export const issuedTallyStatements = (manager: EntityManager, r: Counted) =>
  tallyStatements(manager, ReportDayTallyEntity, [tallyRow(r, r.issuedDay, 1, 0, 0)]);

/** In the revocation's transaction: one more revoked among the reports issued on its day. */
export const countRevoked = (tx: EntityManager, r: Counted) =>
  addToTally(tx, ReportDayTallyEntity, [tallyRow(r, r.issuedDay, 0, 1, 0)]);

/**
 * One successful verification of an authentic report, counted on the day it happened: a row for
 * addToTally, which the verification service groups with its concurrent ones (GroupedWrites). The
 * count is not derivable from any source row, so the rebuild keeps it (see rebuildReportTallies).
 */
export const verifiedTallyRow = (r: Counted, day: string) => tallyRow(r, day, 0, 0, 1);

/** Reports stored but no tally: a database migrated from before the tallies, not yet rebuilt. */
export async function reportTalliesMissing(db: DataSource): Promise<boolean> {
  if ((await db.getRepository(ReportDayTallyEntity).find({ take: 1 })).length) return false;
  return (await db.getRepository(CreditReportEntity).find({ select: { number: true }, take: 1 })).length > 0;
}

/** Issued and revoked per tally key, computed from the report rows. */
async function fromReports(m: EntityManager): Promise<ReportDayTallyEntity[]> {
  const rows = await m
    .getRepository(CreditReportEntity)
    .createQueryBuilder('r')
    .select('r.issuedDay', 'day')
    .addSelect('r.scenario', 'scenario')
    .addSelect('r.channel', 'channel')
    .addSelect('r.regionCode', 'regionCode')
    .addSelect('COUNT(*)', 'issued')
    .addSelect("SUM(CASE WHEN r.status = 'REVOKED' THEN 1 ELSE 0 END)", 'revoked')
    .groupBy('r.issuedDay')
    .addGroupBy('r.scenario')
    .addGroupBy('r.channel')
    .addGroupBy('r.regionCode')
    .getRawMany<Record<string, string | number>>();
  return rows.map((r) =>
    tallyRow(
      {
        issuedDay: String(r.day),
        scenario: String(r.scenario),
        channel: String(r.channel),
        regionCode: String(r.regionCode),
      },
      String(r.day),
      Number(r.issued),
      Number(r.revoked),
      0,
    ),
  );
}

const keyOf = (r: ReportDayTallyEntity) => `${r.day}/${r.scenario}/${r.channel}/${r.regionCode}`;

/**
 * Recomputes issued and revoked from the reports in one transaction (readers see the old tallies
 * until the commit). Verification counts have no source rows: they are carried over as stored.
 */
export function rebuildReportTallies(db: DataSource, progress: Progress = () => {}): Promise<{ rows: number }> {
  return db.transaction(async (tx) => {
    const kept = (await tx.getRepository(ReportDayTallyEntity).find()).filter((r) => Number(r.verified) > 0);
    const rows = new Map((await fromReports(tx)).map((r) => [keyOf(r), r]));
    for (const v of kept) {
      const r = rows.get(keyOf(v)) ?? tallyRow({ ...v, issuedDay: v.day }, v.day, 0, 0, 0);
      r.verified = Number(v.verified);
      rows.set(keyOf(r), r);
    }
    await tx.createQueryBuilder().delete().from(ReportDayTallyEntity).execute();
    const all = [...rows.values()];
    const step = 2000;
    for (let i = 0; i < all.length || i === 0; i += step) {
      await bulkInsert(tx, ReportDayTallyEntity, all.slice(i, i + step));
      progress(Math.min(all.length, i + step), all.length);
    }
    return { rows: all.length };
  });
}

export interface ReportTallyDrift {
  table: string;
  key: string;
  stored: string;
  expected: string;
}

/** Where the stored issued/revoked counts differ from the reports (empty: they agree). */
export async function checkReportTallies(db: DataSource, progress: Progress = () => {}): Promise<ReportTallyDrift[]> {
  const expected = new Map((await fromReports(db.manager)).map((r) => [keyOf(r), r]));
  const stored = await db.getRepository(ReportDayTallyEntity).find();
  const show = (r?: ReportDayTallyEntity) => `issued=${r ? Number(r.issued) : 0} revoked=${r ? Number(r.revoked) : 0}`;
  const drifts: ReportTallyDrift[] = [];
  for (const [i, s] of stored.entries()) {
    const e = expected.get(keyOf(s));
    expected.delete(keyOf(s));
    if (show(s) !== show(e))
      drifts.push({ table: 'report_day_tally', key: keyOf(s), stored: show(s), expected: show(e) });
    progress(i + 1, stored.length + expected.size);
  }
  for (const [k, e] of expected) drifts.push({ table: 'report_day_tally', key: k, stored: show(), expected: show(e) });
  progress(1, 1);
  return drifts;
}
