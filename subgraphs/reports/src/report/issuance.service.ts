import { countRevoked, issuedTallyStatements } from '../aggregates/reportTallies';
import {
  actorOf,
  addDays,
  audit,
  auditStatements,
  GroupedCommits,
  badUserInput,
  chinaDate,
  conflict,
  domainError,
  ErrorCode,
  hasControlCharacters,
  insertStatements,
  isMysql,
  ISSUANCE_PERIOD_FIELDS,
  notFound,
  resolvePeriod,
  Role,
  subjectActedFor,
  type Principal,
  type ServiceContext,
  type Statement,
} from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { canonicalJson } from '../integrity/canonical';
import { signReport } from '../integrity/reportSignatures';
import { sha256Hex } from '../integrity/signature';
import type { Keyring } from '../integrity/signingKeys';
import { codeHash } from '../integrity/verificationCode';
import type { CatalogueDomain, Upstream } from '../upstream/upstream';
import { CreditReportEntity } from './report.entity';
import { IssueReportInput } from './report.inputs';
import { windowAuthorizationOf, type WindowAuthorizationInput } from './windowAuthorization';
import { ReportStatus, type ReportAccess } from './report.type';
import { proposedDomains } from './matterDomains';
import { formatReportNumber } from './reportNumber';
import { buildSnapshot, ReportChannel, type ReportScenario } from './snapshot';
import { isLockConflict, SequenceBlocks, withRetry } from './sequenceBlocks';
import type { ReportStore } from './reportStore';
import { SnapshotPartEntity, splitSnapshot } from './snapshotPart.entity';
import type { WriteQueue } from './writeQueue';

/** old.supersededBy = successor, unless another reissue got there first. */
function supersededByStatement(m: EntityManager, old: string, successor: string): Statement {
  const q = (name: string) => m.connection.driver.escape(name);
  const table = q(m.connection.getMetadata(CreditReportEntity).tableName);
  return {
    sql: `UPDATE ${table} SET ${q('supersededBy')} = ? WHERE ${q('number')} = ? AND ${q('supersededBy')} IS NULL`,
    params: [successor, old],
  };
}

/** A stored report and how the caller who acted on it sees it; the resolver renders the GraphQL view. */
export interface ReportForCaller {
  row: CreditReportEntity;
  access: ReportAccess;
  /** Shown to the owner, and to the operator who printed it at the window; null otherwise. */
  verificationCode: string | null;
}

export interface ReportsConfig {
  prefix: string;
  province: string;
  issuerName: string;
  maxYears: number;
}

/**
 * The counter row (in report_sequence, beside the days') that hands out status list indexes. A
 * separate SequenceBlocks keeps its blocks from retiring the days' (they are compared as days).
 */
export const STATUS_LIST_COUNTER = 'STATUS';

/** Channels a person uses alone; an operator works at a window or a terminal. */
const OPERATOR_CHANNELS = new Set<ReportChannel>([ReportChannel.SERVICE_WINDOW, ReportChannel.SELF_SERVICE_TERMINAL]);

function chooseDomains(catalogue: CatalogueDomain[], requested: string[] | null | undefined): CatalogueDomain[] {
  if (requested === null || requested === undefined) return catalogue.filter((d) => d.active);
  if (requested.length === 0)
    throw badUserInput('input.domains', 'choose at least one domain, or leave it out for every active domain');
  const byCode = new Map(catalogue.map((d) => [d.code, d]));
  const wanted = new Set<string>();
  requested.forEach((raw, i) => {
    const code = raw.trim().toUpperCase();
    const d = byCode.get(code);
    if (!d) throw badUserInput(`input.domains[${i}]`, `unknown domain "${raw}"`);
    if (!d.active) throw badUserInput(`input.domains[${i}]`, `domain ${code} is no longer reported`);
    wanted.add(code);
  });
  return catalogue.filter((d) => wanted.has(d.code));
}

/**
 * Responsible for issuing reports (snapshot, number, hash, signature; the report row, its snapshot
 * parts and the audit row in one transaction) and revoking them: the only writer of report rows.
 * Reads go through the ReportStore.
 */
export class ReportIssuance {
  private readonly numbers: SequenceBlocks;
  /** Each report's bit in the revocation status list; one counter for the platform (see STATUS_LIST_COUNTER). */
  private readonly statusIndexes: SequenceBlocks;
  /**
   * Concurrent issuances commit together: one round trip and one START/COMMIT per group (at 10
   * connections, reports' statements per issuance went from 6.1 to 4.9).
   */
  private readonly commits: GroupedCommits;

  constructor(
    private readonly db: DataSource,
    private readonly keyring: Keyring,
    private readonly upstream: Upstream,
    private readonly config: ReportsConfig,
    private readonly writes: WriteQueue,
    private readonly store: ReportStore,
    /** In the revocation's transaction (subscribers' REVOKED events commit with it). */
    private readonly onRevoked: (tx: EntityManager, row: CreditReportEntity) => Promise<void> = async () => undefined,
  ) {
    this.numbers = new SequenceBlocks(db, writes);
    this.statusIndexes = new SequenceBlocks(db, writes);
    this.commits = new GroupedCommits(db);
  }

  async issue(ctx: ServiceContext, input: IssueReportInput, supersedes?: CreditReportEntity): Promise<ReportForCaller> {
    const p = ctx.principal as Principal;
    const creditCode = subjectActedFor(p, {
      action: 'report:issue',
      requested: input.creditCode,
      field: 'input.creditCode',
    });
    if ((p.role === Role.OPERATOR) !== OPERATOR_CHANNELS.has(input.channel)) {
      throw badUserInput(
        'input.channel',
        p.role === Role.OPERATOR
          ? 'an operator issues at a SERVICE_WINDOW or a SELF_SERVICE_TERMINAL'
          : `${input.channel} is an operator's channel`,
      );
    }
    // The token's channel claim binds the operator: a window's session cannot issue as a terminal.
    if (p.role === Role.OPERATOR && p.channel && p.channel !== input.channel) {
      throw badUserInput('input.channel', `the operator's token is for ${p.channel}: it issues only there`, {
        tokenChannel: p.channel,
      });
    }
    const windowAuthorization = windowAuthorizationOf(p, actorOf(p), input.channel, input.windowAuthorization);
    const period = resolvePeriod(
      { from: input.periodFrom, to: input.periodTo, requiredBy: input.requiredByReportUser },
      {
        today: chinaDate(),
        maxYears: this.config.maxYears,
        fields: ISSUANCE_PERIOD_FIELDS,
        longerNeedsRequirement: true,
        futureEnd: 'refuse',
      },
    );
    // A named matter is checked even when the subject chose the domains itself.
    const proposed = await proposedDomains(input, () => this.upstream.substitutionMatters(ctx.requestId));
    const chosen = chooseDomains(await this.upstream.domains(ctx.requestId), input.domains ?? proposed);
    // The issue time is taken before the records are read: a record changed while they are read then
    // counts as a change after issuance (the report is flagged, never silently stale). The number is
    // taken with it, so a later issue time never has a smaller number; a refusal below burns one.
    const issuedAt = new Date();
    const issuedDay = chinaDate(issuedAt);
    const day = issuedDay.replaceAll('-', '');
    // Taken before the transaction, so no pooled connection idles while a block is reserved.
    const numbered = Promise.all([this.numbers.next(day), this.statusIndexes.next(STATUS_LIST_COUNTER)]);
    numbered.catch(() => undefined); // awaited below; a refusal in between must not leave it unhandled
    const [{ subject, commitments }, records] = await Promise.all([
      this.upstream.subjectForIssuance(creditCode, ctx.requestId),
      this.upstream.recordsForSnapshot(
        creditCode,
        chosen.map((d) => d.code),
        period.coverageFrom,
        period.to,
        ctx.requestId,
      ),
    ]);
    if (!subject) throw notFound('subject', creditCode);
    if (commitments.breached) {
      throw domainError(
        ErrorCode.SUBSTITUTION_NOT_ALLOWED,
        `a breached credit commitment stands, so no report may replace certificates: ${commitments.reasons.join('; ')}`,
        { reasons: commitments.reasons },
      );
    }

    const [seq, statusListIndex] = await numbered;
    const number = formatReportNumber(this.config.prefix, day, seq);
    const snapshot = buildSnapshot({
      number,
      issuedAt,
      issuer: { province: this.config.province, name: this.config.issuerName },
      scenario: input.scenario,
      channel: input.channel,
      period,
      subject,
      domains: chosen,
      records,
    });
    const text = canonicalJson(snapshot);
    const code = this.store.verificationCode(number);
    const signed = signReport(text, this.keyring);
    const row = this.db.getRepository(CreditReportEntity).create({
      number,
      creditCode,
      subjectName: subject.name,
      subjectKind: subject.kind,
      regionCode: subject.regionCode,
      scenario: input.scenario,
      channel: input.channel,
      periodFrom: period.from,
      periodTo: period.to,
      coverageFrom: period.coverageFrom,
      requiredByReportUser: period.requiredByReportUser,
      domainCodes: chosen.map((d) => d.code),
      recordCount: snapshot.domains.reduce((n, d) => n + d.records.length, 0),
      status: ReportStatus.ISSUED,
      issuedAt,
      issuedDay,
      issuedBy: actorOf(p),
      sha256: sha256Hex(text),
      signature: signed.ed25519.signature,
      keyId: signed.ed25519.kid,
      sm2Signature: signed.sm2.signature,
      sm2KeyId: signed.sm2.kid,
      statusListIndex,
      codeHash: codeHash(number, code),
      revokedAt: null,
      revocationReason: null,
      revokedBy: null,
      changedAt: null,
      supersedes: supersedes?.number ?? null,
      supersededBy: null,
      windowAuthorization,
    });
    // On MySQL each part goes as its UTF-8 bytes, which the driver sends as a hex literal and the
    // utf8mb4 column stores as they are: escaping the ~15 kB of JSON text character by character
    // was 7 % of this subgraph's CPU per issuance. SQLite would store a Buffer as a BLOB: text there.
    const asBytes = isMysql(this.db);
    const parts = splitSnapshot(text).map((part, seq) => ({
      reportNumber: number,
      seq,
      text: (asBytes ? Buffer.from(part, 'utf8') : part) as string,
    }));
    // Everything above is computed before the transaction, which holds only the inserts and the
    // tally's upsert; only lock conflicts are retried, with the same number: the rolled-back attempt
    // never used it. On MySQL the four statements and the transaction around them go as one round
    // trip, with those of the issuances committing at the same time (GroupedCommits); a failing one
    // fails alone.
    const m = this.db.manager;
    const statements = [
      ...insertStatements(m, CreditReportEntity, [row]),
      ...insertStatements(m, SnapshotPartEntity, parts),
      ...issuedTallyStatements(m, row),
      ...auditStatements(m, ctx, { action: 'report.issue', subjectCodes: [creditCode], target: number }),
      // Reissued: the old report points to the new one in the same commit.
      ...(supersedes ? [supersededByStatement(m, supersedes.number, number)] : []),
    ];
    await withRetry(3, isLockConflict, () => this.writes(() => this.commits.commit(statements)));
    // The operator prints the report for the subject at the window, code included.
    return { row, access: p.role === Role.SUBJECT ? 'OWNER' : 'OFFICIAL', verificationCode: code };
  }

  /**
   * A new report of the same scenario, domains and period length, ending today, in place of one
   * whose records changed: linked both ways (supersedes / supersededBy). The owner, or an operator
   * for the subject present; a report already reissued points to its successor instead.
   */
  async reissue(
    ctx: ServiceContext,
    number: string,
    channel?: ReportChannel | null,
    windowAuthorization?: WindowAuthorizationInput | null,
  ): Promise<ReportForCaller> {
    const p = ctx.principal as Principal;
    const old = await this.db.getRepository(CreditReportEntity).findOneBy({ number: number.trim().toUpperCase() });
    const mayAct = old && (p.role === Role.OPERATOR || (p.role === Role.SUBJECT && p.creditCode === old.creditCode));
    if (!old || !mayAct) throw notFound('report', number);
    if (old.supersededBy)
      throw conflict(`report ${old.number} was already reissued as ${old.supersededBy}`, {
        field: 'number',
        supersededBy: old.supersededBy,
      });
    const today = chinaDate();
    const days = Math.round((Date.parse(old.periodTo) - Date.parse(old.periodFrom)) / 86_400_000);
    const input = Object.assign(new IssueReportInput(), {
      creditCode: old.creditCode,
      scenario: old.scenario as ReportScenario,
      domains: old.domainCodes,
      periodFrom: addDays(today, -days),
      periodTo: today,
      channel:
        channel ??
        (p.role === Role.OPERATOR && p.channel ? (p.channel as ReportChannel) : (old.channel as ReportChannel)),
      requiredByReportUser: old.requiredByReportUser,
      windowAuthorization,
    });
    return this.issue(ctx, input, old);
  }

  /**
   * ISSUED -> REVOKED, by the owner or the lead department; the snapshot is never touched. The
   * report's bit in the status list is this row's status (the list is built from the rows), so the
   * revocation and the bit commit together.
   */
  async revoke(ctx: ServiceContext, number: string, reason: string): Promise<ReportForCaller> {
    const p = ctx.principal as Principal;
    const text = (reason ?? '').trim();
    if (!text) throw badUserInput('reason', 'is required');
    if (Array.from(text).length > 500) throw badUserInput('reason', 'must be at most 500 characters');
    if (hasControlCharacters(text)) throw badUserInput('reason', 'must not contain control characters');
    return this.writes(() =>
      this.db.transaction(async (tx) => {
        const repo = tx.getRepository(CreditReportEntity);
        const row = await repo.findOneBy({ number });
        const owner = row !== null && p.role === Role.SUBJECT && p.creditCode === row.creditCode;
        if (!row || (!owner && p.role !== Role.LEAD_DEPARTMENT)) throw notFound('report', number);
        if (row.status !== ReportStatus.ISSUED)
          throw conflict(`report ${number} is already revoked`, { field: 'number' });
        Object.assign(row, {
          status: ReportStatus.REVOKED,
          revokedAt: new Date(),
          revocationReason: text,
          revokedBy: actorOf(p),
        });
        await repo.update(
          { number },
          { status: row.status, revokedAt: row.revokedAt, revocationReason: text, revokedBy: row.revokedBy },
        );
        await countRevoked(tx, row);
        await this.onRevoked(tx, row);
        await audit(tx, ctx, { action: 'report.revoke', subjectCodes: [row.creditCode], target: number });
        return {
          row,
          access: owner ? 'OWNER' : 'OFFICIAL',
          verificationCode: owner ? this.store.verificationCode(number) : null,
        };
      }),
    );
  }
}
