import { badUserInput, Role } from '@credit/shared';
import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ReportsContext } from '../context';
import { checkIntegrity } from '../integrity/integrity';
import { signaturesOf } from '../integrity/reportSignatures';
import { toAuthorizationView } from '../authorization/authorization.service';
import { IssueReportInput } from './report.inputs';
import { WindowAuthorizationInput } from './windowAuthorization';
import { SubjectRef } from '../foreign/subject';
import { CreditReport, ReportAuthorization, ReportDomain } from './report.type';
import { readableReport } from './readableReport';
import { isWellFormedReportNumber } from './reportNumber';
import { toDomainViews, toReportView } from './reportView';
import { ReportChannel, type ReportSnapshot } from './snapshot';
import { ReportRecordChange } from '../currency/currency.type';
import { toRecordChangeView } from '../currency/currencyView';

@Resolver(() => CreditReport)
export class ReportResolver {
  @Authorized(Role.SUBJECT, Role.OPERATOR)
  @Mutation(() => CreditReport, {
    description: 'Issues a report now, free of charge: snapshot, number, hash and signature',
  })
  async issueReport(@Ctx() ctx: ReportsContext, @Arg('input') input: IssueReportInput): Promise<CreditReport> {
    const r = await ctx.services.issuance.issue(ctx, input);
    return toReportView(r.row, r.access, r.verificationCode);
  }

  @Authorized(Role.SUBJECT, Role.LEAD_DEPARTMENT)
  @Mutation(() => CreditReport, {
    description: 'ISSUED -> REVOKED with a reason (owner or lead department); the content never changes',
  })
  async revokeReport(
    @Ctx() ctx: ReportsContext,
    @Arg('number') number: string,
    @Arg('reason') reason: string,
  ): Promise<CreditReport> {
    const r = await ctx.services.issuance.revoke(ctx, number, reason);
    return toReportView(r.row, r.access, r.verificationCode);
  }

  @Authorized(Role.SUBJECT, Role.OPERATOR)
  @Mutation(() => CreditReport, {
    description:
      'A new report in place of one whose records changed: same scenario, domains and period length, ending today; linked both ways (supersedes / supersededBy)',
  })
  async reissueReport(
    @Ctx() ctx: ReportsContext,
    @Arg('number') number: string,
    @Arg('channel', () => ReportChannel, {
      nullable: true,
      description: "Default the old report's channel (an operator's: its token's channel)",
    })
    channel?: ReportChannel | null,
    @Arg('windowAuthorization', () => WindowAuthorizationInput, {
      nullable: true,
      description: 'As on issueReport: required from an operator at a SERVICE_WINDOW',
    })
    windowAuthorization?: WindowAuthorizationInput | null,
  ): Promise<CreditReport> {
    const r = await ctx.services.issuance.reissue(ctx, number, channel, windowAuthorization);
    return toReportView(r.row, r.access, r.verificationCode);
  }

  @Authorized()
  @Query(() => CreditReport, {
    nullable: true,
    description: 'One report for its owner, officials, or a report user it was authorised to; null otherwise',
  })
  async report(@Ctx() ctx: ReportsContext, @Arg('number') number: string): Promise<CreditReport | null> {
    const n = number.trim().toUpperCase();
    if (!isWellFormedReportNumber(n))
      throw badUserInput('number', 'is not a report number (GZ + 8-digit date + 8-digit sequence + check character)');
    return readableReport(ctx, await ctx.loaders.byNumber.load(n));
  }

  @FieldResolver(() => [ReportDomain], {
    description: 'Per chosen domain: NO_RECORD or HAS_RECORDS, with records for those allowed',
  })
  async domains(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): Promise<ReportDomain[]> {
    const snapshot = await this.snapshotOf(report, ctx);
    return toDomainViews(snapshot?.domains ?? [], report.detailsVisible);
  }

  @FieldResolver(() => [ReportRecordChange], {
    description:
      'Which records changed since issuance and how (old -> new): for the owner, officials and report users it authorised; empty otherwise',
  })
  async recordChanges(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): Promise<ReportRecordChange[]> {
    if (!report.detailsVisible || !report.row.changedAt) return [];
    return (await ctx.loaders.recordChanges.load(report.number)).map(toRecordChangeView);
  }

  @FieldResolver(() => Boolean, { description: 'Hash and signature of the stored snapshot check out now' })
  async authentic(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): Promise<boolean> {
    return checkIntegrity(
      report.row,
      await ctx.loaders.snapshotText.load(report.number),
      ctx.services.keyring,
      ctx.services.verifiedSignatures,
    ).authentic;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'PDF address (open with the bearer token, or add ?code= the verification code)',
  })
  pdfUrl(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): string {
    return `${ctx.services.config.publicBaseUrl}/reports/${report.number}.pdf`;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The verification page with the code (owner only), as in the QR code',
  })
  verifyUrl(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): string | null {
    if (!report.verificationCode) return null;
    return `${ctx.services.config.publicBaseUrl}/verify?number=${report.number}&code=${report.verificationCode}`;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Signed document for offline verification with /.well-known/credit-report-keys (`pnpm verify:report`): JSON {format, kid, sha256, signature, signatures: [{algorithm, kid, signature}], snapshot}; kid/signature are the Ed25519 ones',
  })
  async document(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): Promise<string | null> {
    const text = await ctx.loaders.snapshotText.load(report.number);
    if (text === undefined) return null;
    return JSON.stringify({
      format: 'gz-credit-report-document/1',
      kid: report.keyId,
      sha256: report.sha256,
      signature: report.signature,
      signatures: signaturesOf(report.row),
      snapshot: text,
    });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The report as a W3C Verifiable Credential 2.0 (JSON text): DataIntegrityProof eddsa-rdfc-2022 by the issuer did:web (DID document at /.well-known/did.json), revocation in a BitstringStatusList; for those who may read the report; null when the stored report is not authentic',
  })
  async verifiableCredential(@Root() report: CreditReport, @Ctx() ctx: ReportsContext): Promise<string | null> {
    const snapshot = await this.snapshotOf(report, ctx);
    if (!snapshot) return null;
    return JSON.stringify(await ctx.services.credentials.reportCredential(report.row, snapshot));
  }

  @FieldResolver(() => [ReportAuthorization], { nullable: true, description: 'Report users authorised (owner only)' })
  async authorizations(
    @Root() report: CreditReport,
    @Ctx() ctx: ReportsContext,
  ): Promise<ReportAuthorization[] | null> {
    if (report.access !== 'OWNER') return null;
    return (await ctx.loaders.authorizationsOf.load(report.number)).map((a) => toAuthorizationView(a));
  }

  /** Only an authentic snapshot is shown as fact; an altered one shows nothing (and `authentic` says why). */
  private async snapshotOf(report: CreditReport, ctx: ReportsContext): Promise<ReportSnapshot | null> {
    return checkIntegrity(
      report.row,
      await ctx.loaders.snapshotText.load(report.number),
      ctx.services.keyring,
      ctx.services.verifiedSignatures,
    ).snapshot;
  }
}

@Resolver(() => SubjectRef)
export class SubjectReportsResolver {
  @FieldResolver(() => [CreditReport], {
    description:
      'Reports of the subject, newest first: all for the owner and officials, the authorised ones for a report user',
  })
  async reports(
    @Root() subject: SubjectRef,
    @Ctx() ctx: ReportsContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
  ): Promise<CreditReport[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badUserInput('first', `must be between 1 and 100, got ${first}`);
    const rows = await ctx.loaders.bySubject.load(subject.creditCode);
    const views = await Promise.all(rows.map((r) => readableReport(ctx, r)));
    return views.filter((v): v is CreditReport => v !== null).slice(0, first);
  }
}
