import {
  AuditLogApi,
  badUserInput,
  countAuditEntries,
  decodeCursor,
  encodeCursor,
  queryAuditEntries,
  type AuditCount,
  type AuditFilter,
  type AuditRecord,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import type { AccessLogConnection, AccessLogFilter } from './accessLog.type';
import type { AuditSource } from './auditTrail.service';

/** Anonymous checks of a subject's reports (verification, the PDF by code): counted, listed only when asked. */
const VERIFY = { actions: ['report.verify', 'report.pdf'], role: 'ANONYMOUS' };
// Entries that share the cursor's millisecond are re-read on the next page; this many per source suffice.
const TIE_SLACK = 100;

type Key = [string, string, string, string, string, string];
const keyOf = (e: AuditRecord): Key => [e.at, e.service, e.requestId, e.actor, e.action, e.target ?? ''];

/** Newest first; ties in time broken by service, request, actor, action, target: one total order for paging. */
function compareKeys(a: Key, b: Key): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? 1 : -1;
  for (let i = 1; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function cursorKey(after: string): Key {
  const k = decodeCursor(after);
  if (k.length !== 6 || !k.every((x) => typeof x === 'string') || Number.isNaN(Date.parse(k[0] as string))) {
    throw badUserInput('after', 'is not a cursor returned by this API');
  }
  return k as Key;
}

/**
 * "Who looked at me" for people: one subject's entries from every subgraph's log, merged into a
 * keyset-paged connection (filters go down to each log), with the anonymous verifications of its
 * reports counted per report and day beside the list rather than drowning it.
 */
export class AccessLogService {
  constructor(
    private readonly db: DataSource,
    private readonly sources: readonly AuditSource[],
  ) {}

  async page(
    ctx: ServiceContext,
    subjectCode: string,
    filter: AccessLogFilter,
    first: number,
    after?: string | null,
  ): Promise<AccessLogConnection> {
    const cursor = after ? cursorKey(after) : undefined;
    // Reading up to the cursor's millisecond (inclusive) and skipping what the previous page showed.
    const upTo = cursor ? new Date(Date.parse(cursor[0]) + 1).toISOString() : undefined;
    const to = [filter.to, upTo].filter((x): x is string => Boolean(x)).sort()[0];
    const query: AuditFilter = {
      subjectCode,
      actions: filter.actions,
      roles: filter.roles,
      excludeAnonymousActions: filter.includeAnonymousVerifications ? null : VERIFY.actions,
      from: filter.from,
      to,
      first: Math.min(1000, first + 1 + TIE_SLACK),
    };
    const unavailable: string[] = [];
    // One subgraph that does not answer is named in `unavailable`; the others still make the page.
    const fromSources = <T>(read: (s: AuditSource) => Promise<T[]>) =>
      this.sources.map(async (s) => {
        try {
          return await read(s);
        } catch (err) {
          ctx.log.warn({ err: (err as Error).message, service: s.name }, 'audit source unavailable');
          if (!unavailable.includes(s.name)) unavailable.push(s.name);
          return [] as T[];
        }
      });
    const countVars = { subjectCode, ...VERIFY, from: filter.from ?? null, to: filter.to ?? null };
    const [entryParts, countParts] = await Promise.all([
      Promise.all([
        queryAuditEntries(this.db, 'entities', query),
        ...fromSources<AuditRecord>(async (s) => {
          const d = await s.call(AuditLogApi.AccessLogEntriesDocument, { ...query }, ctx.requestId);
          return d.internalAuditEntries;
        }),
      ]),
      Promise.all([
        countAuditEntries(this.db, 'entities', countVars),
        ...fromSources<AuditCount>(async (s) => {
          const d = await s.call(AuditLogApi.AccessLogCountsDocument, countVars, ctx.requestId);
          return d.internalAuditCounts;
        }),
      ]),
    ]);
    const merged = entryParts
      .flat()
      .map((e) => ({ e, key: keyOf(e) }))
      .filter(({ key }) => !cursor || compareKeys(key, cursor) > 0)
      .sort((a, b) => compareKeys(a.key, b.key));
    const page = merged.slice(0, first);
    const edges = page.map(({ e, key }) => ({ cursor: encodeCursor(key), node: e }));
    return {
      edges,
      entries: edges.map((x) => x.node),
      pageInfo: { hasNextPage: merged.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      anonymousVerifications: countParts
        .flat()
        .sort((a, b) => (a.day !== b.day ? (a.day < b.day ? 1 : -1) : (a.target ?? '') < (b.target ?? '') ? -1 : 1)),
      unavailable,
    };
  }
}
