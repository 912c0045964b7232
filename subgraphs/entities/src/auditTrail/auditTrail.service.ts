import {
  AuditLogApi,
  createServiceClient,
  queryAuditEntries,
  type AuditFilter,
  type AuditRecord,
  type ServiceClient,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';

export interface AuditSource {
  name: string;
  call: ServiceClient;
}

/**
 * Responsible for the platform-wide audit trail: each subgraph keeps its own append-only log
 * (written in the same transaction as the act it records); this merges them, newest first.
 * A subgraph that does not answer is named in `unavailable` rather than failing the whole read.
 */
export class AuditTrailService {
  constructor(
    private readonly db: DataSource,
    readonly sources: AuditSource[],
  ) {}

  /** Adds a subgraph whose log is merged (tests start subgraphs on ports known only afterwards). */
  addSource(source: AuditSource): void {
    this.sources.push(source);
  }

  async entries(ctx: ServiceContext, filter: AuditFilter): Promise<{ entries: AuditRecord[]; unavailable: string[] }> {
    const unavailable: string[] = [];
    const parts = await Promise.all([
      queryAuditEntries(this.db, 'entities', filter),
      ...this.sources.map(async (s) => {
        try {
          const data = await s.call(AuditLogApi.AuditEntriesDocument, { ...filter }, ctx.requestId);
          return data.internalAuditEntries satisfies AuditRecord[];
        } catch (err) {
          ctx.log.warn({ err: (err as Error).message, service: s.name }, 'audit source unavailable');
          unavailable.push(s.name);
          return [];
        }
      }),
    ]);
    const entries = parts
      .flat()
      .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))
      .slice(0, filter.first);
    return { entries, unavailable };
  }
}

export function auditSources(
  urls: Record<string, string | undefined>,
  auth: Parameters<typeof createServiceClient>[0]['auth'],
): AuditSource[] {
  return Object.entries(urls)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .map(([name, url]) => ({ name, call: createServiceClient({ url, service: 'entities', auth, timeoutMs: 5000 }) }));
}
