import { auditRead, encodeCursor, isAuditedRead, type ServiceContext } from '@credit/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { recordReadScope, type ReadScope } from '../record/recordAccess';
import { ViolationRecordConnection } from '../record/record.type';
import { toRecordView } from '../record/recordView';
import type { RecordColumns } from '../record/recordRows';
import type { HistoryFilter, HistoryService } from './history.service';
import { RecordSummary } from './history.type';

export interface PageKey {
  creditCode: string;
  filter: HistoryFilter;
  first: number;
  after: [string, string] | null;
  /** What the selection of the page's nodes needs (`brief`: no long texts). */
  columns: RecordColumns;
}

export interface TotalKey {
  creditCode: string;
  filter: HistoryFilter;
}

export interface SummaryKey {
  creditCode: string;
  from: string;
  to: string;
}

function groupBy<K>(keys: readonly K[], by: (k: K) => string): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => {
    const g = by(k);
    groups.set(g, [...(groups.get(g) ?? []), i]);
  });
  return groups;
}

/**
 * Per-request loaders of `Subject.records` and `Subject.recordSummary`: the subjects of one
 * GraphQL operation (a list, or the gateway's `_entities` batch) are answered by one statement
 * per distinct argument set plus one audit INSERT, never one query per subject.
 */
export function createHistoryLoaders(ctx: ServiceContext, history: HistoryService, db: DataSource) {
  const scopeOf = (creditCode: string): ReadScope | Error => {
    try {
      return recordReadScope(ctx.principal, creditCode);
    } catch (err) {
      return err as Error;
    }
  };
  const auditReads = (action: string, codes: string[]) =>
    auditRead(db, ctx, { action, subjectCodes: [...new Set(codes.filter((c) => isAuditedRead(ctx.principal, c)))] });

  const records = new DataLoader<PageKey, ViolationRecordConnection, string>(
    async (keys) => {
      const out: (ViolationRecordConnection | Error)[] = [];
      const served: string[] = [];
      for (const indexes of groupBy(keys, (k) => JSON.stringify([k.filter, k.first, k.after, k.columns])).values()) {
        const { filter, first, after, columns } = keys[indexes[0]];
        const allowed: { i: number; scope: ReadScope }[] = [];
        for (const i of indexes) {
          const scope = scopeOf(keys[i].creditCode);
          if (scope instanceof Error) out[i] = scope;
          else allowed.push({ i, scope });
        }
        // One principal per request, so every allowed key of a batch has the same scope.
        const pages = await history.pages(
          allowed.map((a) => keys[a.i].creditCode),
          filter,
          first,
          after,
          allowed[0]?.scope.domains,
          columns,
        );
        for (const { i } of allowed) {
          const page = pages.get(keys[i].creditCode)!;
          const edges = page.rows.map((r) => ({
            cursor: encodeCursor([r.decisionDate, r.id]),
            node: toRecordView(r, ctx.principal),
          }));
          out[i] = Object.assign(new ViolationRecordConnection(), {
            edges,
            pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
          });
          served.push(keys[i].creditCode);
        }
      }
      await auditReads('record.history', served);
      return out;
    },
    { cacheKeyFn: (k) => JSON.stringify(k) },
  );

  const summaries = new DataLoader<SummaryKey, RecordSummary, string>(
    async (keys) => {
      const out: (RecordSummary | Error)[] = [];
      const served: string[] = [];
      for (const indexes of groupBy(keys, (k) => `${k.from}/${k.to}`).values()) {
        const { from, to } = keys[indexes[0]];
        const allowed: { i: number; scope: ReadScope }[] = [];
        for (const i of indexes) {
          const scope = scopeOf(keys[i].creditCode);
          if (scope instanceof Error) out[i] = scope;
          else allowed.push({ i, scope });
        }
        const rows = await history.summaries(
          allowed.map((a) => keys[a.i].creditCode),
          { from, to },
          allowed[0]?.scope.domains,
        );
        for (const { i } of allowed) {
          const code = keys[i].creditCode;
          const domains = rows
            .filter((r) => r.creditCode === code)
            .map(({ domainCode, records, repaired }) => ({ domainCode, records, repaired }))
            .sort((a, b) => a.domainCode.localeCompare(b.domainCode));
          out[i] = Object.assign(new RecordSummary(), {
            from,
            to,
            domains,
            records: domains.reduce((n, d) => n + d.records, 0),
            repaired: domains.reduce((n, d) => n + d.repaired, 0),
          });
          served.push(code);
        }
      }
      await auditReads('record.summary', served);
      return out;
    },
    { cacheKeyFn: (k) => JSON.stringify(k) },
  );
  // Totals under the same scope as the pages they count; the pages' read is the audited one.
  const totals = new DataLoader<TotalKey, number, string>(
    async (keys) => {
      const out: (number | Error)[] = [];
      for (const indexes of groupBy(keys, (k) => JSON.stringify(k.filter)).values()) {
        const { filter } = keys[indexes[0]];
        const allowed: { i: number; scope: ReadScope }[] = [];
        for (const i of indexes) {
          const scope = scopeOf(keys[i].creditCode);
          if (scope instanceof Error) out[i] = scope;
          else allowed.push({ i, scope });
        }
        const counts = await history.totals(
          allowed.map((a) => keys[a.i].creditCode),
          filter,
          allowed[0]?.scope.domains,
        );
        for (const { i } of allowed) out[i] = counts.get(keys[i].creditCode) ?? 0;
      }
      return out;
    },
    { cacheKeyFn: (k) => JSON.stringify(k) },
  );
  return { records, summaries, totals };
}
export type HistoryLoaders = ReturnType<typeof createHistoryLoaders>;
