import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { audit, Role, type ServiceContext } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { feedStamp, NationalFeedService } from './nationalFeed.service';

export interface NationalExportSummary {
  subjects: number;
  pages: number;
  /** The changedSince to pass next time: the last exported change (null when nothing was exported). */
  lastChange: string | null;
}

/** Who the audit log names for an export run from the command line. */
export const EXPORT_CONTEXT = (requestId: string, log: ServiceContext['log']): ServiceContext => ({
  requestId,
  log,
  principal: { sub: 'national-export', role: Role.SERVICE, service: 'national-export' },
});

/**
 * Writes the national feed as JSON Lines (one NationalSubject per line, oldest change first), page by
 * page through the same query as the GraphQL feed, each page's subjects audited before it is written.
 */
export async function exportNationalFeed(
  db: DataSource,
  out: Writable,
  ctx: ServiceContext,
  opts: { changedSince?: string; batch?: number; onProgress?: (written: number) => void } = {},
): Promise<NationalExportSummary> {
  const feed = new NationalFeedService(db);
  const since = opts.changedSince ? feedStamp('--changed-since', opts.changedSince) : undefined;
  const summary: NationalExportSummary = { subjects: 0, pages: 0, lastChange: null };
  let after: [string, string] | undefined;
  for (;;) {
    const page = await feed.read(opts.batch ?? 1000, after, since);
    if (page.rows.length === 0) break;
    await audit(db, ctx, {
      action: 'subject.nationalExport',
      subjectCodes: page.rows.map((r) => r.subject.creditCode),
    });
    const text = page.rows.map((r) => JSON.stringify(r.subject)).join('\n') + '\n';
    if (!out.write(text)) await once(out, 'drain');
    summary.subjects += page.rows.length;
    summary.pages++;
    summary.lastChange = page.rows.at(-1)!.subject.updatedAt;
    after = page.rows.at(-1)!.position;
    opts.onProgress?.(summary.subjects);
    if (!page.hasNextPage) break;
  }
  return summary;
}
