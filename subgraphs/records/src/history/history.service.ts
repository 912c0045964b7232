import { badUserInput, chinaDate, decodeCursor, periodEnvShape, placeholders, resolvePeriod } from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { RecordEntity } from '../record/record.entity';
import { RecordRows, type RecordColumns } from '../record/recordRows';
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

/** A WHERE clause with its `?` parameters in order (the same placeholders on MySQL and SQLite). */
interface Where {
  sql: string;
  params: unknown[];
}

/**
 * Responsible for a subject's history: newest-first pages and per-domain summaries, for many
 * subjects in one statement so that lists of subjects cost a constant number of queries. Each
 * subject's part is a range scan on (creditCode, decisionDate[, id]) or (creditCode, domainCode, decisionDate).
 *
 * These are the records subgraph's hottest reads, so they are written as SQL with `?` parameters
 * and read through RecordRows.
 */
/**
 * The statuses a history, a summary and a report snapshot show: a revoked record is no record, a
 * repaired one is shown (labelled) when asked for.
 */
export const shownStatuses = (includeRepaired: boolean): RecordStatus[] =>
  includeRepaired ? [RecordStatus.EFFECTIVE, RecordStatus.REPAIRED] : [RecordStatus.EFFECTIVE];

export class HistoryService {
  private readonly records: RecordRows;

  constructor(
    db: DataSource,
    /** MAX_REPORT_YEARS: the default period, the same as a report's. */
    private readonly maxYears: number,
  ) {
    this.records = new RecordRows(db);
  }

  /** Resolved periods of today, by the asked `from|to`: every subject of a page asks for the same one. */
  private periods = { today: '', byAsk: new Map<string, { from: string; to: string }>() };

  /**
   * A query's period under this platform's MAX_REPORT_YEARS. Resolving it (date checks, the five-year
   * start, today in China) was about 4 % of the records subgraph's CPU on the lead mix, once per subject
   * field: it is kept per day and asked period. Refusals are not kept (they throw each time).
   */
  period(from: string | null | undefined, to: string | null | undefined): { from: string; to: string } {
    const today = chinaDate();
    if (this.periods.today !== today || this.periods.byAsk.size > 1000) this.periods = { today, byAsk: new Map() };
    const ask = `${from ?? ''}|${to ?? ''}`;
    let period = this.periods.byAsk.get(ask);
    if (!period) {
      period = historyPeriod(from, to, this.maxYears, today);
      this.periods.byAsk.set(ask, period);
    }
    return { ...period };
  }

  private where(codes: string[], f: HistoryFilter, scopeDomains: ReadonlySet<string> | undefined): Where {
    const statuses = shownStatuses(!!f.includeRepaired);
    const clauses = [
      codes.length === 1 ? 'r.`creditCode` = ?' : `r.\`creditCode\` IN (${placeholders(codes.length)})`,
      'r.`decisionDate` >= ? AND r.`decisionDate` <= ?',
      `r.\`status\` IN (${placeholders(statuses.length)})`,
    ];
    const params: unknown[] = [...codes, f.from, f.to, ...statuses];
    let domains = f.domains;
    if (scopeDomains) domains = (domains ?? [...scopeDomains]).filter((d) => scopeDomains.has(d));
    if (domains) {
      clauses.push(domains.length ? `r.\`domainCode\` IN (${placeholders(domains.length)})` : '1 = 0');
      params.push(...domains);
    }
    if (f.categories?.length) {
      clauses.push(`r.\`category\` IN (${placeholders(f.categories.length)})`);
      params.push(...f.categories);
    }
    return { sql: clauses.join(' AND '), params };
  }

  /** Newest first (decision date, then id); `first + 1` rows read per subject to know whether more follow. */
  async pages(
    codes: string[],
    f: HistoryFilter,
    first: number,
    after: [string, string] | null,
    scopeDomains?: ReadonlySet<string>,
    columns: RecordColumns = 'all',
  ): Promise<Map<string, HistoryPage>> {
    const out = new Map<string, HistoryPage>(codes.map((c) => [c, { rows: [], hasNextPage: false }]));
    if (codes.length === 0) return out;
    const where = this.where(codes, f, scopeDomains);
    if (after) {
      where.sql += ' AND (r.`decisionDate` < ? OR (r.`decisionDate` = ? AND r.`id` < ?))';
      where.params.push(after[0], after[0], after[1]);
    }
    // `first` is a validated page size (pageSize), never text from the request.
    const limit = Math.trunc(first) + 1;
    let rows: RecordEntity[];
    if (codes.length === 1) {
      rows = await this.records.rows(
        `${where.sql} ORDER BY r.\`decisionDate\` DESC, r.\`id\` DESC LIMIT ${limit}`,
        where.params,
        'replica',
        columns,
      );
    } else {
      // Many subjects: number each subject's rows in one statement, keep the first `first + 1` of
      // each, then load those rows by primary key (two statements however many subjects).
      const ids: { id: string }[] = await this.records.read(
        `SELECT t.\`id\` AS \`id\` FROM (SELECT r.\`id\` AS \`id\`, ROW_NUMBER() OVER (PARTITION BY r.\`creditCode\` ORDER BY r.\`decisionDate\` DESC, r.\`id\` DESC) AS \`rn\` FROM \`violation_record\` r WHERE ${where.sql}) t WHERE t.\`rn\` <= ${limit}`,
        where.params,
      );
      rows = ids.length
        ? await this.records.rows(
            `r.\`id\` IN (${placeholders(ids.length)})`,
            ids.map((x) => x.id),
            'replica',
            columns,
          )
        : [];
    }
    if (codes.length > 1)
      rows.sort((a, b) =>
        a.decisionDate === b.decisionDate ? (a.id < b.id ? 1 : -1) : a.decisionDate < b.decisionDate ? 1 : -1,
      );
    for (const r of rows) out.get(r.creditCode)!.rows.push(r);
    for (const page of out.values()) {
      page.hasNextPage = page.rows.length > first;
      page.rows = page.rows.slice(0, first);
    }
    return out;
  }

  /** Per subject: the records a history's filter matches on all its pages, in one GROUP BY for the batch. */
  async totals(codes: string[], f: HistoryFilter, scopeDomains?: ReadonlySet<string>): Promise<Map<string, number>> {
    const out = new Map<string, number>(codes.map((c) => [c, 0]));
    if (codes.length === 0) return out;
    const where = this.where(codes, f, scopeDomains);
    const raw: { creditCode: string; n: string | number }[] = await this.records.read(
      `SELECT r.\`creditCode\` AS \`creditCode\`, COUNT(*) AS \`n\` FROM \`violation_record\` r WHERE ${where.sql} GROUP BY r.\`creditCode\``,
      where.params,
    );
    for (const r of raw) out.set(r.creditCode, Number(r.n));
    return out;
  }

  /** Per subject and domain: records and repaired ones, in one GROUP BY for the whole batch. */
  async summaries(
    codes: string[],
    period: { from: string; to: string },
    scopeDomains?: ReadonlySet<string>,
  ): Promise<SummaryRow[]> {
    if (codes.length === 0) return [];
    const where = this.where(
      codes,
      { ...period, domains: null, categories: null, includeRepaired: true },
      scopeDomains,
    );
    const raw: { creditCode: string; domainCode: string; records: string | number; repaired: string | number }[] =
      await this.records.read(
        `SELECT r.\`creditCode\` AS \`creditCode\`, r.\`domainCode\` AS \`domainCode\`, COUNT(*) AS \`records\`, SUM(CASE WHEN r.\`status\` = '${RecordStatus.REPAIRED}' THEN 1 ELSE 0 END) AS \`repaired\` FROM \`violation_record\` r WHERE ${where.sql} GROUP BY r.\`creditCode\`, r.\`domainCode\``,
        where.params,
      );
    return raw.map((r) => ({
      creditCode: r.creditCode,
      domainCode: r.domainCode,
      records: Number(r.records),
      repaired: Number(r.repaired),
    }));
  }
}
