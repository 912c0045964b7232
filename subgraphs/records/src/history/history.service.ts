import { badUserInput, chinaDate, decodeCursor, periodEnvShape, resolvePeriod } from '@credit/shared';
import { In, type DataSource } from 'typeorm';
import { RecordEntity } from '../record/record.entity';
import { RecordStatus } from '../record/record.type';

/** A history query after defaults and validation; the same for every subject of one batch. */
export interface HistoryFilter {
  from: string;
  to: string;
  domains: string[] | null;
  categories: string[] | null;
  includeRepaired: boolean;
}

export interface HistoryPage {
  rows: RecordEntity[];
  hasNextPage: boolean;
}

export interface SummaryRow {
  creditCode: string;
  domainCode: string;
  records: number;
  repaired: number;
}

/**
 * The period of a history, summary or statistics query: the shared period rules (one default and
 * maximum with report issuance, MAX_REPORT_YEARS), reaching back further without a requirement
 * since nothing is certified by a query; records start on 2020-01-01, so that is where a longer
 * period begins.
 */
export function historyPeriod(
  from: string | null | undefined,
  to: string | null | undefined,
  maxYears: number = periodEnvShape.MAX_REPORT_YEARS.parse(undefined),
  today: string = chinaDate(),
): { from: string; to: string } {
  const period = resolvePeriod({ from, to }, { today, maxYears });
  return { from: period.coverageFrom, to: period.to };
}

export function decodeHistoryCursor(after: string | null | undefined): [string, string] | null {
  if (!after) return null;
  const [date, id] = decodeCursor(after);
  if (typeof date !== 'string' || typeof id !== 'string')
    throw badUserInput('after', 'is not a cursor returned by this API');
  return [date, id];
}

/**
 * Responsible for a subject's history: newest-first pages and per-domain summaries, for many
 * subjects in one statement so that lists of subjects cost a constant number of queries. Each
 * subject's part is a range scan on (creditCode, decisionDate[, id]) or (creditCode, domainCode, decisionDate).
 */
export class HistoryService {
  constructor(
    private readonly db: DataSource,
    /** MAX_REPORT_YEARS: the default period, the same as a report's. */
    private readonly maxYears: number,
  ) {}

  /** A query's period under this platform's MAX_REPORT_YEARS. */
  period(from: string | null | undefined, to: string | null | undefined): { from: string; to: string } {
    return historyPeriod(from, to, this.maxYears);
  }

  private base(codes: string[], f: HistoryFilter, scopeDomains: ReadonlySet<string> | undefined) {
    const statuses = f.includeRepaired ? [RecordStatus.EFFECTIVE, RecordStatus.REPAIRED] : [RecordStatus.EFFECTIVE];
    const qb = this.db
      .getRepository(RecordEntity)
      .createQueryBuilder('r')
      .where(codes.length === 1 ? 'r.creditCode = :code' : 'r.creditCode IN (:...codes)', { code: codes[0], codes })
      .andWhere('r.decisionDate >= :from AND r.decisionDate <= :to', { from: f.from, to: f.to })
      .andWhere('r.status IN (:...statuses)', { statuses });
    let domains = f.domains;
    if (scopeDomains) domains = (domains ?? [...scopeDomains]).filter((d) => scopeDomains.has(d));
    if (domains) qb.andWhere(domains.length ? 'r.domainCode IN (:...domains)' : '1 = 0', { domains });
    if (f.categories?.length) qb.andWhere('r.category IN (:...categories)', { categories: f.categories });
    return qb;
  }

  /** Newest first (decision date, then id); `first + 1` rows read per subject to know whether more follow. */
  async pages(
    codes: string[],
    f: HistoryFilter,
    first: number,
    after: [string, string] | null,
    scopeDomains?: ReadonlySet<string>,
  ): Promise<Map<string, HistoryPage>> {
    const out = new Map<string, HistoryPage>(codes.map((c) => [c, { rows: [], hasNextPage: false }]));
    if (codes.length === 0) return out;
    const qb = this.base(codes, f, scopeDomains);
    if (after)
      qb.andWhere('(r.decisionDate < :afterDate OR (r.decisionDate = :afterDate AND r.id < :afterId))', {
        afterDate: after[0],
        afterId: after[1],
      });
    let rows: RecordEntity[];
    if (codes.length === 1) {
      rows = await qb
        .orderBy('r.decisionDate', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .limit(first + 1)
        .getMany();
    } else {
      // Many subjects: number each subject's rows in one statement, keep the first `first + 1` of
      // each, then load those rows by primary key (two statements however many subjects).
      qb.select('r.id', 'id').addSelect(
        'ROW_NUMBER() OVER (PARTITION BY r.creditCode ORDER BY r.decisionDate DESC, r.id DESC)',
        'rn',
      );
      const ids = await this.db
        .createQueryBuilder()
        .select('t.id', 'id')
        .from(`(${qb.getQuery()})`, 't')
        .where('t.rn <= :limit', { limit: first + 1 })
        .setParameters(qb.getParameters())
        .getRawMany<{ id: string }>();
      rows = ids.length ? await this.db.getRepository(RecordEntity).findBy({ id: In(ids.map((x) => x.id)) }) : [];
      rows.sort((a, b) =>
        a.decisionDate === b.decisionDate ? (a.id < b.id ? 1 : -1) : a.decisionDate < b.decisionDate ? 1 : -1,
      );
    }
    for (const r of rows) out.get(r.creditCode)!.rows.push(r);
    for (const page of out.values()) {
      page.hasNextPage = page.rows.length > first;
      page.rows = page.rows.slice(0, first);
    }
    return out;
  }

  /** Per subject and domain: records and repaired ones, in one GROUP BY for the whole batch. */
  async summaries(
    codes: string[],
    period: { from: string; to: string },
    scopeDomains?: ReadonlySet<string>,
  ): Promise<SummaryRow[]> {
    if (codes.length === 0) return [];
    const raw = await this.base(
      codes,
      { ...period, domains: null, categories: null, includeRepaired: true },
      scopeDomains,
    )
      .select('r.creditCode', 'creditCode')
      .addSelect('r.domainCode', 'domainCode')
      .addSelect('COUNT(*)', 'records')
      .addSelect(`SUM(CASE WHEN r.status = '${RecordStatus.REPAIRED}' THEN 1 ELSE 0 END)`, 'repaired')
      .groupBy('r.creditCode')
      .addGroupBy('r.domainCode')
      .getRawMany<{ creditCode: string; domainCode: string; records: string | number; repaired: string | number }>();
    return raw.map((r) => ({
      creditCode: r.creditCode,
      domainCode: r.domainCode,
      records: Number(r.records),
      repaired: Number(r.repaired),
    }));
  }
}
