import { auditRead, isAuditedRead, type ServiceContext } from '@credit/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { RecordEntity } from './record.entity';
import { assertMayReadRecord } from './recordAccess';
import type { RecordService } from './record.service';
import type { RecordRevision, ViolationRecord } from './record.type';
import { toRecordView, toRevisionView } from './recordView';

/** Per-request loaders of single records and their revisions: one SELECT (and one audit INSERT) per batch. */
export function createRecordLoaders(ctx: ServiceContext, records: RecordService, db: DataSource) {
  const rows = new Map<string, RecordEntity>();
  const view = new DataLoader<string, ViolationRecord | null>(
    async (ids): Promise<(ViolationRecord | null | Error)[]> => {
      const found = new Map((await records.findByIds(ids)).map((r) => [r.id, r]));
      const out = ids.map((id) => {
        const r = found.get(id);
        if (!r) return null;
        try {
          assertMayReadRecord(ctx.principal, r);
        } catch (err) {
          return err as Error;
        }
        rows.set(r.id, r);
        return toRecordView(r, ctx.principal);
      });
      const audited = [
        ...new Set(
          ids
            .map((id) => rows.get(id))
            .filter((r): r is RecordEntity => !!r && isAuditedRead(ctx.principal, r.creditCode))
            .map((r) => r.creditCode),
        ),
      ];
      await auditRead(db, ctx, { action: 'record.read', subjectCodes: audited });
      return out;
    },
  );
  /** Revisions of a record view this request could already read; `masked` carries the view's masking over. */
  const revisions = new DataLoader<{ id: string; masked: boolean }, RecordRevision[], string>(
    async (keys) => {
      const all = await records.revisionsOf(keys.map((k) => k.id));
      return keys.map((k) => all.filter((r) => r.recordId === k.id).map((r) => toRevisionView(r, k.masked)));
    },
    { cacheKeyFn: (k) => `${k.id}:${k.masked}` },
  );
  return { view, revisions, rows };
}
export type RecordLoaders = ReturnType<typeof createRecordLoaders>;
