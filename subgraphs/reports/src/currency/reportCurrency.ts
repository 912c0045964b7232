import { dbTime } from '@credit/shared';
import { In, LessThan, type DataSource, type EntityManager } from 'typeorm';
import { CreditReportEntity } from '../report/report.entity';
import { ReportStatus } from '../report/report.type';
import type { WriteQueue } from '../report/writeQueue';
import { touches } from './affectedReports';
import { RecordChangeKind, type RecordChangeInput } from './recordChange.inputs';
import { ReportRecordChangeEntity } from './reportRecordChange.entity';

/** The counter column of each kind on credit_report. */
export const CHANGE_COUNTERS: Record<RecordChangeKind, keyof CreditReportEntity & string> = {
  [RecordChangeKind.CORRECTED]: 'changesCorrected',
  [RecordChangeKind.REVOKED]: 'changesRevoked',
  [RecordChangeKind.REPAIRED]: 'changesRepaired',
  [RecordChangeKind.ADDED_LATE]: 'changesAddedLate',
  [RecordChangeKind.UNDER_OBJECTION]: 'changesUnderObjection',
};

export interface MarkedReport {
  number: string;
  creditCode: string;
  kinds: RecordChangeKind[];
}

/** Called in the marking transaction for each report it marks (webhook deliveries are enqueued there). */
export type OnReportsMarked = (tx: EntityManager, marked: MarkedReport[]) => Promise<void>;

/**
 * Responsible for each issued report's currency: records publishes every change to a record
 * (outbox, at least once); this finds the issued, unrevoked reports the change touches through the
 * (creditCode, issuedAt) index and marks them in one transaction: one row per change and report (so a
 * redelivery counts once), the first change time and the count per kind on the report row, which is
 * also its bit in the "refresh" status list. Verification then reads the row; nothing is scanned.
 */
export class ReportCurrency {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue = (fn) => fn(),
    private readonly onMarked: OnReportsMarked = async () => undefined,
  ) {}

  /** Marks the reports the changes touch; returns how many (report, change) pairs were new. */
  async apply(changes: RecordChangeInput[]): Promise<number> {
    if (changes.length === 0) return 0;
    const latest = new Date(Math.max(...changes.map((c) => Date.parse(c.at))));
    const candidates = await this.db.getRepository(CreditReportEntity).find({
      select: {
        number: true,
        creditCode: true,
        domainCodes: true,
        periodFrom: true,
        periodTo: true,
        issuedAt: true,
      },
      where: {
        creditCode: In([...new Set(changes.map((c) => c.creditCode))]),
        status: ReportStatus.ISSUED,
        issuedAt: LessThan(dbTime(this.db, latest) as Date),
      },
    });
    const pairs = changes.flatMap((change) =>
      candidates.filter((r) => touches(r, change)).map((report) => ({ report: report.number, change })),
    );
    if (pairs.length === 0) return 0;
    // A concurrent delivery of the same change fails on the unique index and is retried by records'
    // outbox; the retry finds the rows and skips them.
    return this.writes(() => this.db.transaction((tx) => this.mark(tx, pairs)));
  }

  private async mark(tx: EntityManager, pairs: { report: string; change: RecordChangeInput }[]): Promise<number> {
    const repo = tx.getRepository(ReportRecordChangeEntity);
    const seen = await repo.find({
      select: { reportNumber: true, recordId: true, version: true },
      where: {
        reportNumber: In([...new Set(pairs.map((p) => p.report))]),
        recordId: In([...new Set(pairs.map((p) => p.change.recordId))]),
      },
    });
    const key = (report: string, recordId: string, version: number) => `${report}|${recordId}|${version}`;
    const known = new Set(seen.map((s) => key(s.reportNumber, s.recordId, s.version)));
    const fresh = pairs.filter((p) => {
      const k = key(p.report, p.change.recordId, p.change.version);
      if (known.has(k)) return false;
      known.add(k);
      return true;
    });
    if (fresh.length === 0) return 0;
    await repo.insert(
      fresh.map(({ report, change }) => ({
        reportNumber: report,
        recordId: change.recordId,
        version: change.version,
        kind: change.kind,
        at: new Date(change.at),
        decisionNumber: change.decisionNumber.slice(0, 100),
        domainCode: change.domainCode,
        decisionDate: change.decisionDate,
        changes: change.changes ?? null,
      })),
    );
    const byReport = new Map<string, RecordChangeInput[]>();
    for (const { report, change } of fresh) byReport.set(report, [...(byReport.get(report) ?? []), change]);
    const marked: MarkedReport[] = [];
    for (const [number, list] of byReport) {
      const first = new Date(Math.min(...list.map((c) => Date.parse(c.at))));
      const at = dbTime(tx, first);
      const qb = tx
        .createQueryBuilder()
        .update(CreditReportEntity)
        // Increments and the earliest time in SQL: two replicas marking one report never lose a count.
        .set({
          changedAt: () => 'CASE WHEN changedAt IS NULL OR changedAt > :at THEN :at ELSE changedAt END',
          ...Object.fromEntries(
            Object.values(RecordChangeKind)
              .map((kind) => [kind, list.filter((c) => c.kind === kind).length] as const)
              .filter(([, n]) => n > 0)
              .map(([kind, n]) => [CHANGE_COUNTERS[kind], () => `${CHANGE_COUNTERS[kind]} + ${n}`]),
          ),
        } as never)
        .where('number = :number', { number })
        .setParameter('at', at);
      await qb.execute();
      marked.push({ number, creditCode: list[0].creditCode, kinds: [...new Set(list.map((c) => c.kind))] });
    }
    await this.onMarked(tx, marked);
    return fresh.length;
  }

  /** The changes behind a report, oldest first (the owner's and authorised partners' view). */
  changesOf(numbers: readonly string[]): Promise<ReportRecordChangeEntity[]> {
    if (numbers.length === 0) return Promise.resolve([]);
    return this.db
      .getRepository(ReportRecordChangeEntity)
      .find({ where: { reportNumber: In([...numbers]) }, order: { id: 'ASC' } });
  }
}
