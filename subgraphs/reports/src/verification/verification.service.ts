import {
  addToTally,
  auditRead,
  chinaDate,
  GroupedWrites,
  isOwner,
  notFound,
  type Principal,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { verifiedTallyRow } from '../aggregates/reportTallies';
import { ReportDayTallyEntity } from '../aggregates/reportTally.entity';
import { changesOf, recordsChangedWarning, toRecordChangeView } from '../currency/currencyView';
import type { ReportRecordChangeEntity } from '../currency/reportRecordChange.entity';
import type { CreditReportEntity } from '../report/report.entity';
import type { WriteQueue } from '../report/writeQueue';
import { checkIntegrity } from '../integrity/integrity';
import type { Keyring } from '../integrity/signingKeys';
import type { VerifiedSignatures } from '../integrity/verifiedSignatures';
import { codeMatches } from '../integrity/verificationCode';
import type { ReportStore } from '../report/reportStore';
import type { ReportStatus } from '../report/report.type';
import { identityAsSeen } from '../report/identityAsSeen';
import { accessTo } from '../report/reportAccess';
import { isWellFormedReportNumber } from '../report/reportNumber';
import { toDomainViews } from '../report/reportView';
import type { ReportChannel, ReportScenario } from '../report/snapshot';
import { breachWarnings, unavailableWarning, type BreachSource } from './breachWarnings';
import { ReportVerification, type SignatureCheck } from './verification.type';
import { verificationClient, type VerificationDoor, type VerificationGuard } from './verificationGuard';

/**
 * Responsible for answering "is this report real?" for anyone holding its number and code
 * (GraphQL and the /verify page alike). A wrong code answers exactly like an unknown number.
 */
export class VerificationService {
  /** Concurrent verifications' counts go in one upsert: one statement fewer per verification under load. */
  private readonly verifiedCounts: GroupedWrites<ReportDayTallyEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly reports: ReportStore,
    private readonly keyring: Keyring,
    private readonly verified: VerifiedSignatures,
    readonly guard: VerificationGuard,
    private readonly breaches: BreachSource = async () => [],
    private readonly writes: WriteQueue = (fn) => fn(),
    private readonly recordChanges: (number: string) => Promise<ReportRecordChangeEntity[]> = async () => [],
  ) {
    this.verifiedCounts = new GroupedWrites((rows) =>
      this.writes(() => addToTally(this.db.manager, ReportDayTallyEntity, rows)),
    );
  }

  async verify(
    ctx: ServiceContext,
    rawNumber: string,
    code: string,
    hasGrant: (number: string) => Promise<boolean>,
    door: VerificationDoor = 'graphql',
    // Breaches cost a call to entities; a GraphQL caller that does not select `warnings` is spared it.
    withWarnings = true,
  ): Promise<ReportVerification> {
    const number = (rawNumber ?? '').trim().toUpperCase();
    if (!isWellFormedReportNumber(number)) throw notFound('report', number || '(empty)');
    // Throttled per client and number: what other clients tried never stands in this one's way.
    const client = verificationClient(ctx);
    await this.guard.assertOpen(number, client, door);
    // The row and its text in one statement: a wrong code is rare enough not to save the text read for.
    const found = await this.reports.findWithSnapshot(number);
    if (!found || !codeMatches(number, code ?? '', found.row.codeHash)) {
      await this.guard.failed(ctx, number, client, door);
      throw notFound('report', number);
    }
    const { row, text } = found;
    const integrity = checkIntegrity(row, text, this.keyring, this.verified);
    const p: Principal | undefined = ctx.principal;
    const changes = changesOf(row);
    const [access, breaches] = await Promise.all([
      accessTo(p, row, hasGrant),
      withWarnings
        ? this.breaches(row.creditCode, ctx.requestId).catch((err: unknown) => {
            ctx.log.warn({ err, number }, 'commitment status unavailable during verification');
            return null;
          })
        : [],
    ]);
    if (integrity.authentic) await this.countVerification(ctx, row, number);
    if (!isOwner(p, row.creditCode))
      await auditRead(this.db, ctx, { action: 'report.verify', subjectCodes: [row.creditCode], target: number });

    // Which records changed and how: for those who may read the report, and only when there are any.
    const changed = access !== null && changes ? (await this.recordChanges(number)).map(toRecordChangeView) : [];
    const warnings = [
      ...(breaches ? breachWarnings(row.issuedAt.toISOString(), breaches) : [unavailableWarning(chinaDate())]),
      ...(changes ? [recordsChangedWarning(changes)] : []),
    ];
    const s = integrity.snapshot;
    const seen = identityAsSeen(
      {
        kind: s?.subject.kind ?? row.subjectKind,
        name: s?.subject.name ?? row.subjectName,
        creditCode: s?.subject.creditCode ?? row.creditCode,
      },
      access,
    );
    return Object.assign(new ReportVerification(), {
      authentic: integrity.authentic,
      signatures: integrity.signatures as SignatureCheck[],
      problem: integrity.problem,
      number,
      status: row.status as ReportStatus,
      issuedAt: s?.issuedAt ?? row.issuedAt.toISOString(),
      subjectName: seen.name,
      creditCode: seen.creditCode,
      scenario: (s?.scenario ?? row.scenario) as ReportScenario,
      channel: (s?.channel ?? row.channel) as ReportChannel,
      periodFrom: s?.period.from ?? row.periodFrom,
      periodTo: s?.period.to ?? row.periodTo,
      coverageFrom: s?.period.coverageFrom ?? row.coverageFrom,
      domains: s ? toDomainViews(s.domains, access !== null) : [],
      revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
      revocationReason: row.revocationReason,
      keyId: row.keyId,
      sha256: row.sha256,
      detailsVisible: access !== null && s !== null,
      warnings,
      current: integrity.authentic && row.status === 'ISSUED' && warnings.length === 0,
      changes,
      recordChanges: changed,
      supersededBy: row.supersededBy ?? null,
    });
  }

  /** The dashboards' count: a lost increment must not cost the holder the answer about the report. */
  private async countVerification(ctx: ServiceContext, row: CreditReportEntity, number: string) {
    try {
      await this.verifiedCounts.add(verifiedTallyRow(row, chinaDate()));
    } catch (err) {
      ctx.log.warn({ err, number }, 'verification not counted in the statistics');
    }
  }
}
