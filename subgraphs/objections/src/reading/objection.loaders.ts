import { auditRead, forbidden, isAuditedRead, type Principal, Role, type ServiceContext } from '@credit/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { EvidenceEntity } from '../evidence/evidence.entity';
import type { ObjectionEntity } from '../objection/objection.entity';
import type { Objection } from '../objection/objection.type';
import { assertMayListObjections, mayReadObjection } from '../objection/objectionAccess';
import { toObjectionView } from '../objection/objectionView';
import type { ObjectionEventEntity } from '../workflow/objectionEvent.entity';
import type { ObjectionReader } from './objectionReader';

/** Audits, in one INSERT per batch, the objections a non-owner read. */
async function auditReads(db: DataSource, ctx: ServiceContext, rows: ObjectionEntity[], action: string) {
  const p = ctx.principal!;
  const codes = [...new Set(rows.filter((r) => isAuditedRead(p, r.creditCode)).map((r) => r.creditCode))];
  await auditRead(db, ctx, { action, subjectCodes: codes, target: rows.length === 1 ? rows[0].number : undefined });
}

/**
 * Per-request loaders: one SELECT (and at most one audit INSERT) per batch for `objection(id)`,
 * `_entities`, `Subject.objections`, `ViolationRecord.objections` and an objection's parts.
 */
export function createObjectionLoaders(
  ctx: ServiceContext,
  reader: ObjectionReader,
  db: DataSource,
  today: () => string,
) {
  /** Lists under a subject or a record: a unit sees those routed to it; a subject only its own. */
  const listLoader = (
    fetch: (keys: readonly string[]) => Promise<Map<string, ObjectionEntity[]>>,
    action: string,
    deny: (p: Principal, key: string) => Error | undefined = () => undefined,
  ) =>
    new DataLoader<string, Objection[]>(async (keys) => {
      const p = ctx.principal;
      try {
        assertMayListObjections(p);
      } catch (err) {
        return keys.map(() => err as Error);
      }
      const denied = new Map(
        keys.map((k) => [k, deny(p, k)] as const).filter(([, e]) => e !== undefined) as [string, Error][],
      );
      const found = await fetch(keys.filter((k) => !denied.has(k)));
      const visible = new Map([...found].map(([k, rows]) => [k, rows.filter((r) => mayReadObjection(p, r))]));
      await auditReads(db, ctx, [...visible.values()].flat(), action);
      const day = today();
      return keys.map((k) => denied.get(k) ?? (visible.get(k) ?? []).map((r) => toObjectionView(r, p, day)));
    });

  return {
    view: new DataLoader<string, Objection | null>(async (ids) => {
      const p = ctx.principal;
      try {
        assertMayListObjections(p);
      } catch (err) {
        return ids.map(() => err as Error);
      }
      const found = await reader.byIds(ids);
      const allowed = [...found.values()].filter((r) => mayReadObjection(p, r));
      await auditReads(db, ctx, allowed, 'objection.read');
      const day = today();
      return ids.map((id) => {
        const row = found.get(id);
        if (!row) return null;
        if (!mayReadObjection(p, row)) {
          return forbidden(
            p.role === Role.SOURCE_UNIT
              ? 'this objection is routed to another unit'
              : 'a subject may read only its own objections',
          );
        }
        return toObjectionView(row, p, day);
      });
    }),
    bySubject: listLoader(
      (codes) => reader.bySubjects(codes),
      'objection.list',
      (p, code) =>
        p.role === Role.SUBJECT && p.creditCode !== code
          ? forbidden('a subject may read only its own objections')
          : undefined,
    ),
    byRecord: listLoader((ids) => reader.byRecords(ids), 'objection.list'),
    events: new DataLoader<string, ObjectionEventEntity[]>(async (ids) => {
      const m = await reader.events(ids);
      return ids.map((id) => m.get(id) ?? []);
    }),
    evidence: new DataLoader<string, EvidenceEntity[]>(async (ids) => {
      const m = await reader.evidence(ids);
      return ids.map((id) => m.get(id) ?? []);
    }),
    evidenceContent: new DataLoader<string, string>(async (ids) => {
      const m = await reader.evidenceContent(ids);
      return ids.map((id) => m.get(id) ?? '');
    }),
    undeliveredEffects: new DataLoader<string, number>(async (ids) => {
      const m = await reader.undeliveredEffects(ids);
      return ids.map((id) => m.get(id) ?? 0);
    }),
  };
}
export type ObjectionLoaders = ReturnType<typeof createObjectionLoaders>;
