import type { DataSource, EntityManager } from 'typeorm';
import { insertStatements, type Statement } from '../db/bulkInsert';
import { badUserInput } from '../errors/errors';
import { AuditCount, AuditRecord } from './auditRecord.type';
import { actorOf } from '../auth/principal';
import type { ServiceContext } from '../server/context';
import { AuditEntry } from './auditEntry.entity';

export interface AuditEvent {
  action: string;
  /** Subjects touched; an act on none (the unit register, the catalogue) is written once without one. */
  subjectCodes: string[];
  target?: string;
}

/** One row per subject touched. */
export function auditRows(ctx: ServiceContext, event: AuditEvent) {
  const actor = actorOf(ctx.principal);
  const role = ctx.principal?.role ?? 'ANONYMOUS';
  return event.subjectCodes.map((subjectCode) => ({
    actor,
    role,
    action: event.action,
    subjectCode,
    target: event.target ?? null,
    requestId: ctx.requestId,
  }));
}

/**
 * Writes one row per subject touched. Pass the transaction's manager when the audited act is
 * a write, so that the act and its audit entry commit or roll back together.
 */
export async function audit(db: DataSource | EntityManager, ctx: ServiceContext, event: AuditEvent): Promise<void> {
  if (event.subjectCodes.length === 0) return;
  await db.getRepository(AuditEntry).insert(auditRows(ctx, event));
}

/** The INSERT of `audit`, unsent: for a write that commits its act and audit rows in one trip (commitInOneTrip). */
export const auditStatements = (manager: EntityManager, ctx: ServiceContext, event: AuditEvent): Statement[] =>
  insertStatements(manager, AuditEntry, auditRows(ctx, event));

/** Writes one row for an act that touches no subject (a change to the unit register or the catalogue). */
export async function auditAct(
  db: DataSource | EntityManager,
  ctx: ServiceContext,
  event: Omit<AuditEvent, 'subjectCodes'>,
): Promise<void> {
  await db.getRepository(AuditEntry).insert({
    actor: actorOf(ctx.principal),
    role: ctx.principal?.role ?? 'ANONYMOUS',
    action: event.action,
    subjectCode: null,
    target: event.target ?? null,
    requestId: ctx.requestId,
  });
}

export interface AuditFilter {
  subjectCode?: string | null;
  action?: string | null;
  /** Any of these actions / roles (empty or unset: all). */
  actions?: string[] | null;
  roles?: string[] | null;
  /** Leaves out anonymous entries of these actions (report verifications, counted apart). */
  excludeAnonymousActions?: string[] | null;
  from?: string | null;
  to?: string | null;
  first: number;
}

const parseTime = (field: string, v: string): Date => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw badUserInput(field, `"${v}" is not an ISO 8601 date or time`);
  return d;
};

/** Newest first; an index on (subjectCode, at) keeps "who looked at me" a range scan. */
export async function queryAuditEntries(db: DataSource, service: string, f: AuditFilter): Promise<AuditRecord[]> {
  const qb = db
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .orderBy('a.at', 'DESC')
    .addOrderBy('a.id', 'DESC')
    .limit(f.first);
  if (f.subjectCode) qb.andWhere('a.subjectCode = :code', { code: f.subjectCode });
  if (f.action) qb.andWhere('a.action = :action', { action: f.action });
  if (f.actions?.length) qb.andWhere('a.action IN (:...actions)', { actions: f.actions });
  if (f.roles?.length) qb.andWhere('a.role IN (:...roles)', { roles: f.roles });
  if (f.excludeAnonymousActions?.length) {
    qb.andWhere(`NOT (a.role = 'ANONYMOUS' AND a.action IN (:...excluded))`, { excluded: f.excludeAnonymousActions });
  }
  if (f.from) qb.andWhere('a.at >= :from', { from: parseTime('from', f.from) });
  if (f.to) qb.andWhere('a.at < :to', { to: parseTime('to', f.to) });
  const rows = await qb.getMany();
  return rows.map((r) =>
    Object.assign(new AuditRecord(), {
      at: new Date(r.at).toISOString(),
      actor: r.actor,
      role: r.role,
      action: r.action,
      subjectCode: r.subjectCode,
      target: r.target,
      requestId: r.requestId,
      service,
    }),
  );
}

export interface AuditCountFilter {
  subjectCode: string;
  actions: string[];
  role: string;
  from?: string | null;
  to?: string | null;
}

/**
 * Entries of some actions by one role counted per target, action and day (China time), newest day first: how a subject sees
 * thousands of anonymous report verifications without them drowning the reads by people.
 */
export async function countAuditEntries(db: DataSource, service: string, f: AuditCountFilter): Promise<AuditCount[]> {
  const mysql = db.options.type === 'mysql' || db.options.type === 'mariadb';
  const day = mysql ? "DATE_FORMAT(a.at + INTERVAL 8 HOUR, '%Y-%m-%d')" : "date(a.at, '+8 hours')";
  const qb = db
    .getRepository(AuditEntry)
    .createQueryBuilder('a')
    .select('a.target', 'target')
    .addSelect('a.action', 'action')
    .addSelect(day, 'day')
    .addSelect('COUNT(*)', 'count')
    .addSelect('MIN(a.at)', 'firstAt')
    .addSelect('MAX(a.at)', 'lastAt')
    .where('a.subjectCode = :code', { code: f.subjectCode })
    .andWhere('a.action IN (:...actions)', { actions: f.actions.length ? f.actions : [''] })
    .andWhere('a.role = :role', { role: f.role })
    .groupBy('a.target')
    .addGroupBy('a.action')
    .addGroupBy(day)
    .orderBy('day', 'DESC')
    .addOrderBy('target', 'ASC')
    .limit(1000);
  if (f.from) qb.andWhere('a.at >= :from', { from: parseTime('from', f.from) });
  if (f.to) qb.andWhere('a.at < :to', { to: parseTime('to', f.to) });
  const rows = await qb.getRawMany<{
    target: string | null;
    action: string;
    day: string;
    count: string | number;
    firstAt: unknown;
    lastAt: unknown;
  }>();
  const iso = (v: unknown) =>
    new Date(typeof v === 'string' && !mysql ? `${v.replace(' ', 'T')}Z` : (v as string)).toISOString();
  return rows.map((r) =>
    Object.assign(new AuditCount(), {
      target: r.target,
      action: r.action,
      day: String(r.day),
      count: Number(r.count),
      firstAt: iso(r.firstAt),
      lastAt: iso(r.lastAt),
      service,
    }),
  );
}
