import { randomUUID } from 'node:crypto';
import {
  actorOf,
  audit,
  auditRead,
  badUserInput,
  checkSubjectCode,
  conflict,
  EntityRows,
  forbidden,
  hasControlCharacters,
  notFound,
  Role,
  subjectActedFor,
  type Principal,
  type ServiceContext,
} from '@credit/shared';
import { In, type DataSource } from 'typeorm';
import type { DomainService } from '../domain/domain.service';
import type { SubjectService } from '../subject/subject.service';
import { publishBreach } from './breachFeed';
import { CommitmentEntity } from './commitment.entity';
import type { MakeCommitmentInput } from './commitment.inputs';
import { Commitment, CommitmentStatus, InternalCommitmentStatus } from './commitment.type';

const MAX_DOMAINS = 50;
const MAX_LISTED = 200;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toCommitment = (e: CommitmentEntity): Commitment =>
  Object.assign(new Commitment(), {
    id: e.id,
    creditCode: e.creditCode,
    domainCodes: e.domainCodes,
    statement: e.statement,
    status: e.status as CommitmentStatus,
    madeAt: e.createdAt.toISOString(),
    breachReason: e.breachReason,
    breachedAt: iso(e.breachedAt),
    clearReason: e.clearReason,
    clearedAt: iso(e.clearedAt),
  });

function reasonText(field: string, value: string, max: number): string {
  const v = (value ?? '').trim();
  if (!v) throw badUserInput(field, 'is required');
  if (Array.from(v).length > max) throw badUserInput(field, `must be at most ${max} characters`);
  // Control characters have no place in a pledge printed on reports and notices.
  if (hasControlCharacters(v)) throw badUserInput(field, 'must not contain control characters');
  return v;
}

/**
 * Responsible for credit commitments: who may make one, who may mark it breached or clear the
 * breach, and whether a standing breach forbids report substitution (asked by the reports subgraph).
 */
export class CommitmentService {
  /** Plain SQL for the read every issuance makes (status): TypeORM's find built the query anew each time. */
  private readonly rows: EntityRows<CommitmentEntity>;

  constructor(
    private readonly db: DataSource,
    private readonly subjects: SubjectService,
    private readonly domains: DomainService,
  ) {
    this.rows = new EntityRows(db, CommitmentEntity, 'c');
  }

  async make(ctx: ServiceContext, input: MakeCommitmentInput): Promise<Commitment> {
    const p = ctx.principal as Principal;
    const creditCode = subjectActedFor(p, {
      action: 'commitment:make',
      requested: input.creditCode,
      field: 'input.creditCode',
    });

    const domainCodes = [...new Set((input.domains ?? []).map((d) => d.trim().toUpperCase()))];
    if (domainCodes.length === 0) throw badUserInput('input.domains', 'must name at least one domain');
    if (domainCodes.length > MAX_DOMAINS) throw badUserInput('input.domains', `at most ${MAX_DOMAINS} domains`);
    const known = await this.domains.byCodes(domainCodes);
    const unknown = domainCodes.findIndex((d) => !known.has(d));
    if (unknown >= 0) throw badUserInput(`input.domains[${unknown}]`, `unknown domain "${domainCodes[unknown]}"`);
    const statement = reasonText('input.statement', input.statement, 1000);

    if ((await this.subjects.findByCodes([creditCode])).length === 0) throw notFound('subject', creditCode);
    return this.db.transaction(async (tx) => {
      const row = tx.getRepository(CommitmentEntity).create({
        id: randomUUID(),
        creditCode,
        domainCodes,
        statement,
        status: CommitmentStatus.ACTIVE,
        madeBy: actorOf(p),
        breachReason: null,
        breachedBy: null,
        breachedAt: null,
        clearReason: null,
        clearedBy: null,
        clearedAt: null,
        // Set here, to the millisecond: SQLite's column default keeps whole seconds, and the lead
        // department's list is newest first.
        createdAt: new Date(),
      });
      await tx.getRepository(CommitmentEntity).save(row);
      await audit(tx, ctx, { action: 'commitment.make', subjectCodes: [creditCode], target: row.id });
      return toCommitment(row);
    });
  }

  /** The lead department, or a source unit whose domains the commitment covers. */
  async markBreached(ctx: ServiceContext, id: string, reason: string): Promise<Commitment> {
    const p = ctx.principal as Principal;
    const text = reasonText('reason', reason, 500);
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(CommitmentEntity);
      const row = await repo.findOneBy({ id });
      if (!row) throw notFound('commitment', id);
      if (p.role === Role.SOURCE_UNIT && !row.domainCodes.some((d) => p.domains.includes(d))) {
        throw forbidden(`source unit ${p.unitCode} reports none of the domains of commitment ${id}`);
      }
      if (row.status === CommitmentStatus.BREACHED)
        throw conflict(`commitment ${id} is already marked breached`, { field: 'id' });
      const breachedAt = new Date();
      Object.assign(row, {
        status: CommitmentStatus.BREACHED,
        breachReason: text,
        breachedBy: actorOf(p),
        breachedAt,
        clearReason: null,
        clearedBy: null,
        clearedAt: null,
      });
      await repo.save(row);
      await audit(tx, ctx, { action: 'commitment.breach', subjectCodes: [row.creditCode], target: id });
      // Subscribers of the subject's earlier reports hear of it through reports; the (id, time) pair
      // names this breach there, so a breach cleared and marked again is news again.
      await publishBreach(tx, { creditCode: row.creditCode, commitmentId: id, breachedAt: breachedAt.toISOString() });
      return toCommitment(row);
    });
  }

  async clearBreach(ctx: ServiceContext, id: string, reason: string): Promise<Commitment> {
    const text = reasonText('reason', reason, 500);
    return this.db.transaction(async (tx) => {
      const repo = tx.getRepository(CommitmentEntity);
      const row = await repo.findOneBy({ id });
      if (!row) throw notFound('commitment', id);
      if (row.status !== CommitmentStatus.BREACHED)
        throw conflict(`commitment ${id} has no standing breach`, { field: 'id' });
      Object.assign(row, {
        status: CommitmentStatus.ACTIVE,
        clearReason: text,
        clearedBy: actorOf(ctx.principal),
        clearedAt: new Date(),
      });
      await repo.save(row);
      await audit(tx, ctx, { action: 'commitment.clear', subjectCodes: [row.creditCode], target: id });
      return toCommitment(row);
    });
  }

  /** The lead department's desk: the newest commitments, or the standing breaches, of all subjects. */
  async list(ctx: ServiceContext, filter: { status?: CommitmentStatus | null; first: number }): Promise<Commitment[]> {
    if (!Number.isInteger(filter.first) || filter.first < 1 || filter.first > MAX_LISTED)
      throw badUserInput('first', `must be 1 to ${MAX_LISTED}`);
    const rows = await this.db.getRepository(CommitmentEntity).find({
      where: filter.status ? { status: filter.status } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.first,
    });
    // A pledge names its subject: the list is a read of each subject in it.
    await auditRead(this.db, ctx, {
      action: 'commitment.list',
      subjectCodes: [...new Set(rows.map((r) => r.creditCode))],
    });
    return rows.map(toCommitment);
  }

  async forSubjects(codes: readonly string[]): Promise<CommitmentEntity[]> {
    if (codes.length === 0) return [];
    return this.db
      .getRepository(CommitmentEntity)
      .find({ where: { creditCode: In([...codes]) }, order: { createdAt: 'DESC' } });
  }

  /** Asked at every report issuance: one indexed lookup on (creditCode, status). */
  async status(creditCode: string): Promise<InternalCommitmentStatus> {
    const code = checkSubjectCode(creditCode);
    if (!code.valid) throw badUserInput('creditCode', code.message!, { problem: code.problem });
    const breached = await this.rows.where('c.`creditCode` = ? AND c.`status` = ? ORDER BY c.`breachedAt` ASC', [
      code.normalized,
      CommitmentStatus.BREACHED,
    ]);
    return Object.assign(new InternalCommitmentStatus(), {
      creditCode: code.normalized,
      breached: breached.length > 0,
      reasons: breached.map((b) => b.breachReason ?? ''),
      breaches: breached.map((b) => ({
        commitmentId: b.id,
        breachedAt: (b.breachedAt ?? b.updatedAt).toISOString(),
        reason: b.breachReason ?? '',
        domainCodes: b.domainCodes,
      })),
    });
  }
}
