import { auditRead, Role, type ServiceContext } from '@credit/shared';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import type { ReportAuthorizationEntity } from '../authorization/authorization.entity';
import type { AuthorizationService } from '../authorization/authorization.service';
import type { ReportCurrency } from '../currency/reportCurrency';
import type { ReportRecordChangeEntity } from '../currency/reportRecordChange.entity';
import type { CreditReportEntity } from './report.entity';
import type { ReportStore } from './reportStore';

/** Per-request loaders: one SELECT per kind of lookup however many reports a query touches. */
export function createReportLoaders(
  ctx: ServiceContext,
  reports: ReportStore,
  authorizations: AuthorizationService,
  db: DataSource,
  currency: ReportCurrency,
) {
  const byNumber = new DataLoader<string, CreditReportEntity | null>(async (numbers) => {
    const rows = new Map((await reports.findByNumbers(numbers)).map((r) => [r.number, r]));
    return numbers.map((n) => rows.get(n) ?? null);
  });
  const bySubject = new DataLoader<string, CreditReportEntity[]>(async (codes) => {
    const rows = await reports.forSubjects(codes);
    for (const r of rows) byNumber.prime(r.number, r);
    return codes.map((c) => rows.filter((r) => r.creditCode === c));
  });
  const snapshotText = new DataLoader<string, string | undefined>(async (numbers) => {
    const texts = await reports.snapshotTexts(numbers);
    return numbers.map((n) => texts.get(n));
  });
  /** For a PARTNER caller: does it hold an unexpired, unrevoked grant for the report? */
  const partnerGrant = new DataLoader<string, boolean>(async (numbers) => {
    const p = ctx.principal;
    if (p?.role !== Role.PARTNER) return numbers.map(() => false);
    const granted = await authorizations.activeGrants(numbers, p.partnerId);
    return numbers.map((n) => granted.has(n));
  });
  const authorizationsOf = new DataLoader<string, ReportAuthorizationEntity[]>(async (numbers) => {
    const rows = await authorizations.forReports(numbers);
    return numbers.map((n) => rows.filter((r) => r.reportNumber === n));
  });
  /** The record changes behind reports (only reports whose row says something changed are asked for). */
  const recordChanges = new DataLoader<string, ReportRecordChangeEntity[]>(async (numbers) => {
    const rows = await currency.changesOf(numbers);
    return numbers.map((n) => rows.filter((r) => r.reportNumber === n));
  });
  /** Audits non-owner reads of report detail, one INSERT per subject per batch. */
  const detailRead = new DataLoader<CreditReportEntity, true, string>(
    async (rows) => {
      const bySubjectCode = new Map<string, string[]>();
      for (const r of rows) bySubjectCode.set(r.creditCode, [...(bySubjectCode.get(r.creditCode) ?? []), r.number]);
      for (const [code, numbers] of bySubjectCode) {
        await auditRead(db, ctx, {
          action: 'report.read',
          subjectCodes: [code],
          target: numbers.join(',').slice(0, 200),
        });
      }
      return rows.map(() => true as const);
    },
    { cacheKeyFn: (r) => r.number },
  );
  return { byNumber, bySubject, snapshotText, partnerGrant, authorizationsOf, detailRead, recordChanges };
}
export type ReportLoaders = ReturnType<typeof createReportLoaders>;
