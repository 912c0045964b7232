import type { ReportsContext } from '../context';
import type { CreditReportEntity } from './report.entity';
import type { CreditReport } from './report.type';
import { accessTo } from './reportAccess';
import { toReportView } from './reportView';

/** A stored report as the caller may see it, or null when it may not (unknown and forbidden look alike). */
export async function readableReport(
  ctx: ReportsContext,
  row: CreditReportEntity | null,
): Promise<CreditReport | null> {
  if (!row) return null;
  const access = await accessTo(ctx.principal, row, (n) => ctx.loaders.partnerGrant.load(n));
  if (!access) return null;
  if (access !== 'OWNER') await ctx.loaders.detailRead.load(row);
  return toReportView(row, access, access === 'OWNER' ? ctx.services.reports.verificationCode(row.number) : null);
}
