import { chinaDate, startOfChinaDay } from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { dbTimestamp } from '../record/dates';
import { RecordEntity } from '../record/record.entity';
import { RecordStatus } from '../record/record.type';
import { SubmissionEntity } from '../submission/submission.entity';
import { TallyDeltas } from './tallyDeltas';
import { monthsBetween, nextMonth } from './tallyPeriod';

type Db = DataSource | EntityManager;

const ymd = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10);

const unitsOf = new WeakMap<object, Promise<string[]>>();
/** The units that ever submitted a record (asked once per database handle and run). */
function unitCodes(db: Db): Promise<string[]> {
  let units = unitsOf.get(db);
  if (!units) {
    units = db
      .getRepository(RecordEntity)
      .createQueryBuilder('r')
      .select('DISTINCT r.sourceUnitCode', 'unit')
      .getRawMany<{ unit: string }>()
      .then((rows) => rows.map((r) => r.unit));
    unitsOf.set(db, units);
  }
  return units;
}

/** The months a rebuild or a check walks through: every month with a decision or a submission. */
export async function tallyMonths(db: Db): Promise<string[]> {
  const [d] = await db
    .getRepository(RecordEntity)
    .createQueryBuilder('r')
    .select('MIN(r.decisionDate)', 'first')
    .addSelect('MAX(r.decisionDate)', 'last')
    .getRawMany<{ first: unknown; last: unknown }>();
  const [s] = await db
    .getRepository(RecordEntity)
    .createQueryBuilder('r')
    .select('MIN(r.submittedAt)', 'first')
    .addSelect('MAX(r.submittedAt)', 'last')
    .getRawMany<{ first: unknown; last: unknown }>();
  const [b] = await db
    .getRepository(SubmissionEntity)
    .createQueryBuilder('s')
    .select('MIN(s.submittedAt)', 'first')
    .addSelect('MAX(s.submittedAt)', 'last')
    .getRawMany<{ first: unknown; last: unknown }>();
  const instant = (v: unknown) => chinaDate(v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`));
  const firsts = [d?.first && ymd(d.first), s?.first && instant(s.first), b?.first && instant(b.first)].filter(
    (x): x is string => !!x,
  );
  const lasts = [d?.last && ymd(d.last), s?.last && instant(s.last), b?.last && instant(b.last)].filter(
    (x): x is string => !!x,
  );
  if (!firsts.length) return [];
  return monthsBetween(firsts.sort()[0].slice(0, 7), lasts.sort().reverse()[0].slice(0, 7));
}

/**
 * What the tallies of one month hold when computed from the source rows: the records decided in
 * that month (record tallies), and the batches and new records submitted in that Guizhou month
 * (unit tallies). The direct computation the rebuild writes and the check compares with.
 */
export async function tallyFromSource(db: Db, month: string): Promise<TallyDeltas> {
  const deltas = new TallyDeltas();
  const next = nextMonth(month);
  const records = await db
    .getRepository(RecordEntity)
    .createQueryBuilder('r')
    .select(['r.domainCode AS domainCode', 'r.regionCode AS regionCode', 'r.category AS category'])
    .addSelect('r.decisionDate', 'decisionDate')
    .addSelect('r.status', 'status')
    .addSelect('COUNT(*)', 'n')
    .where('r.decisionDate >= :from AND r.decisionDate < :to', { from: `${month}-01`, to: `${next}-01` })
    .andWhere('r.status IN (:...statuses)', { statuses: [RecordStatus.EFFECTIVE, RecordStatus.REPAIRED] })
    .groupBy('r.domainCode')
    .addGroupBy('r.regionCode')
    .addGroupBy('r.category')
    .addGroupBy('r.decisionDate')
    .addGroupBy('r.status')
    .getRawMany<{
      domainCode: string;
      regionCode: string;
      category: string;
      decisionDate: unknown;
      status: string;
      n: string | number;
    }>();
  for (const r of records) deltas.record({ ...r, decisionDate: ymd(r.decisionDate) }, Number(r.n));

  const ds = (db as EntityManager).connection ?? (db as DataSource);
  const start = dbTimestamp(ds, startOfChinaDay(`${month}-01`));
  const end = dbTimestamp(ds, startOfChinaDay(`${next}-01`));
  const batches = await db
    .getRepository(SubmissionEntity)
    .createQueryBuilder('s')
    .where('s.submittedAt >= :start AND s.submittedAt < :end', { start, end })
    .getMany();
  for (const b of batches) deltas.batch(b.sourceUnitCode, chinaDate(b.submittedAt), b);
  // Naming every unit lets the (unit, submittedAt) index serve the range: no scan per month.
  const units = await unitCodes(db);
  if (!units.length) return deltas;
  const lags = await db
    .getRepository(RecordEntity)
    .createQueryBuilder('r')
    .select('r.sourceUnitCode', 'unit')
    .addSelect('r.submittedAt', 'at')
    .addSelect('r.lagDays', 'lag')
    .addSelect('COUNT(*)', 'n')
    .where('r.sourceUnitCode IN (:...units)', { units })
    .andWhere('r.submittedAt >= :start AND r.submittedAt < :end', { start, end })
    .groupBy('r.sourceUnitCode')
    .addGroupBy('r.submittedAt')
    .addGroupBy('r.lagDays')
    .getRawMany<{ unit: string; at: unknown; lag: string | number; n: string | number }>();
  const instant = (v: unknown) => (v instanceof Date ? v : new Date(`${String(v).replace(' ', 'T')}Z`));
  for (const l of lags) deltas.newRecord(l.unit, chinaDate(instant(l.at)), Number(l.lag), Number(l.n));
  return deltas;
}
