import { randomUUID } from 'node:crypto';
import {
  actorOf,
  addDays,
  audit,
  badUserInput,
  conflict,
  isIsoDate,
  notFound,
  Role,
  startOfChinaDay,
  type Principal,
  type ServiceContext,
} from '@credit/shared';
import { In, IsNull, MoreThan, type DataSource } from 'typeorm';
import { CreditReportEntity } from '../report/report.entity';
import { ReportAuthorization, ReportStatus } from '../report/report.type';
import type { WriteQueue } from '../report/writeQueue';
import { ReportAuthorizationEntity } from './authorization.entity';

const PARTNER_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const MAX_AUTHORIZATION_DAYS = 366;

export const toAuthorizationView = (e: ReportAuthorizationEntity, now = new Date()): ReportAuthorization =>
  Object.assign(new ReportAuthorization(), {
    partnerId: e.partnerId,
    until: e.until.toISOString(),
    grantedAt: e.grantedAt.toISOString(),
    revokedAt: e.revokedAt ? e.revokedAt.toISOString() : null,
    active: e.revokedAt === null && e.until > now,
  });

/** `YYYY-MM-DD` means to the end of that day in China; a full ISO instant is taken as given. */
export function parseUntil(value: string, now = new Date()): Date {
  const v = (value ?? '').trim();
  const d = isIsoDate(v)
    ? new Date(startOfChinaDay(addDays(v, 1)).getTime() - 1)
    : /^\d{4}-\d{2}-\d{2}T/.test(v)
      ? new Date(v)
      : new Date(NaN);
  if (Number.isNaN(d.getTime()))
    throw badUserInput('until', `must be a date YYYY-MM-DD or an ISO 8601 instant, got "${value}"`);
  if (d <= now) throw badUserInput('until', 'must be in the future');
  if (d.getTime() - now.getTime() > MAX_AUTHORIZATION_DAYS * 86_400_000)
    throw badUserInput('until', `must be within ${MAX_AUTHORIZATION_DAYS} days`);
  return d;
}

/** Responsible for the subject's authorisations of report users: grant, revoke, and who holds one now. */
export class AuthorizationService {
  constructor(
    private readonly db: DataSource,
    private readonly writes: WriteQueue,
  ) {}

  private async ownReport(
    p: Principal,
    number: string,
    repo = this.db.getRepository(CreditReportEntity),
  ): Promise<CreditReportEntity> {
    const row = await repo.findOneBy({ number });
    // Somebody else's report answers like an unknown one, so that numbers cannot be probed.
    if (!row || p.role !== Role.SUBJECT || p.creditCode !== row.creditCode) throw notFound('report', number);
    return row;
  }

  async authorize(ctx: ServiceContext, number: string, partnerId: string, until: string): Promise<ReportAuthorization> {
    const p = ctx.principal as Principal;
    const partner = (partnerId ?? '').trim();
    if (!PARTNER_ID.test(partner)) throw badUserInput('partnerId', 'must be 1-64 letters, digits or . _ : -');
    const untilAt = parseUntil(until);
    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const report = await this.ownReport(p, number, tx.getRepository(CreditReportEntity));
        if (report.status !== ReportStatus.ISSUED)
          throw conflict(`report ${number} is revoked; nothing to authorise`, { field: 'number' });
        const repo = tx.getRepository(ReportAuthorizationEntity);
        let row = await repo.findOneBy({ reportNumber: number, partnerId: partner });
        if (row) {
          row.until = untilAt;
          row.revokedAt = null;
          row.grantedBy = actorOf(p);
          await repo.update({ id: row.id }, { until: untilAt, revokedAt: null, grantedBy: row.grantedBy });
        } else {
          row = repo.create({
            id: randomUUID(),
            reportNumber: number,
            partnerId: partner,
            until: untilAt,
            grantedBy: actorOf(p),
            revokedAt: null,
          });
          await repo.save(row);
        }
        await audit(tx, ctx, {
          action: 'report.authorize',
          subjectCodes: [report.creditCode],
          target: `${number}>${partner}`,
        });
        return toAuthorizationView(row);
      }),
    );
  }

  async revoke(ctx: ServiceContext, number: string, partnerId: string): Promise<ReportAuthorization> {
    const p = ctx.principal as Principal;
    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const report = await this.ownReport(p, number, tx.getRepository(CreditReportEntity));
        const repo = tx.getRepository(ReportAuthorizationEntity);
        const row = await repo.findOneBy({ reportNumber: number, partnerId: (partnerId ?? '').trim() });
        if (!row) throw notFound('authorisation of report user', partnerId);
        if (row.revokedAt === null) {
          row.revokedAt = new Date();
          await repo.update({ id: row.id }, { revokedAt: row.revokedAt });
          await audit(tx, ctx, {
            action: 'report.authorize.revoke',
            subjectCodes: [report.creditCode],
            target: `${number}>${row.partnerId}`,
          });
        }
        return toAuthorizationView(row);
      }),
    );
  }

  /** The reports among `numbers` that `partnerId` may read now. */
  async activeGrants(numbers: readonly string[], partnerId: string, now = new Date()): Promise<Set<string>> {
    if (numbers.length === 0) return new Set();
    const rows = await this.db.getRepository(ReportAuthorizationEntity).find({
      select: { reportNumber: true },
      where: { reportNumber: In([...numbers]), partnerId, revokedAt: IsNull(), until: MoreThan(now) },
    });
    return new Set(rows.map((r) => r.reportNumber));
  }

  forReports(numbers: readonly string[]): Promise<ReportAuthorizationEntity[]> {
    if (numbers.length === 0) return Promise.resolve([]);
    return this.db
      .getRepository(ReportAuthorizationEntity)
      .find({ where: { reportNumber: In([...numbers]) }, order: { grantedAt: 'ASC' } });
  }
}
