import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  actorOf,
  audit,
  auditAct,
  badUserInput,
  chinaDate,
  conflict,
  decodeCursor,
  encodeCursor,
  forbidden,
  notFound,
  Role,
  subjectActedFor,
  workingDaysDue,
  type CatalogueMatter,
  type CatalogueSourceUnit,
  type Principal,
  type ServiceContext,
  type DueCalendar,
} from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { storeEvidence } from '../evidence/evidenceStore';
import { validateEvidence, type EvidenceLimits } from '../evidence/evidenceValidation';
import { actOnCase, type CaseAct, type CaseKind } from '../case/actOnCase';
import { newCaseId, nextCaseNumber } from '../case/caseNumber';
import { checkedText } from '../case/caseText';
import { minutesBetween } from '../case/handlingTime';
import { appendCaseEvents, type CaseStep } from '../case/timeline';
import { checkedContact } from './contact';
import { FeedbackCounterEntity, FeedbackEntity, FeedbackEventEntity } from './feedback.entity';
import type { FeedbackFilter, FileFeedbackInput, ForwardFeedbackInput, UnitReplyInput } from './feedback.inputs';
import { FEEDBACK_DEADLINES, type FeedbackDeadlineRules } from './feedbackDeadlines';
import { checkedParticulars, checkedRegion, UNIT_CODE, type DemandParticulars } from './feedbackFiling';
import { FeedbackAction, FEEDBACK_MACHINE } from './feedbackStateMachine';
import { FeedbackKind, FeedbackStatus } from './feedbackStatus';

export interface FeedbackRules extends FeedbackDeadlineRules {
  evidence: EvidenceLimits;
}

/** The source-unit register as entities publishes it (EntitiesCatalogue.sourceUnits). */
export type UnitRegister = (requestId?: string) => Promise<CatalogueSourceUnit[]>;
/** The active substitution catalogue as entities publishes it (EntitiesCatalogue.substitutionMatters). */
export type MatterCatalogue = (requestId?: string) => Promise<CatalogueMatter[]>;

/** Complaint numbers: GZTS-2026-000042 (贵州投诉, year, sequence within the year). */
const FEEDBACK_NUMBER_PREFIX = 'GZTS';

const NATURAL_PERSON_CODE = /^\d{17}[\dX]$/;
const ACCESS_ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** 12 characters of a 30-letter alphabet (~59 bits): never guessed under the anonymous rate limit. */
function newAccessCode(): string {
  return Array.from(randomBytes(12), (b) => ACCESS_ALPHABET[b % ACCESS_ALPHABET.length]).join('');
}

type ActSpec = Pick<CaseAct<FeedbackEntity, FeedbackAction>, 'authorize' | 'validate' | 'changes' | 'note'>;

/**
 * The consultation and complaint desk (咨询投诉): filing by subjects, operators and anonymous
 * callers, and every act of the lead department and the supervising unit on a case. Each act is
 * one transaction: the compare-and-set on the status, the timeline event and the audit entry.
 */
export class FeedbackDesk {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: DueCalendar,
    private readonly rules: FeedbackRules,
    private readonly units: UnitRegister,
    private readonly matters: MatterCatalogue,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private due(now: Date, workingDays: number): Pick<FeedbackEntity, 'dueOn' | 'dueProvisional'> {
    const due = workingDaysDue(this.calendar, now, workingDays);
    return { dueOn: due.date, dueProvisional: due.provisional };
  }

  today(): string {
    return chinaDate(this.clock());
  }

  async file(
    ctx: ServiceContext,
    input: FileFeedbackInput,
    opts: { demo?: boolean; at?: Date } = {},
  ): Promise<{ feedback: FeedbackEntity; accessCode: string | null }> {
    const p = ctx.principal;
    if (p) FEEDBACK_MACHINE.assertRoleMay(FeedbackAction.FILE, p.role);
    let creditCode: string | null = null;
    if (p) {
      creditCode = subjectActedFor(p, {
        action: 'feedback:file',
        requested: input.creditCode,
        field: 'input.creditCode',
      });
    } else if (input.creditCode != null) {
      throw badUserInput('input.creditCode', 'an anonymous filer cannot name a subject: sign in to file as one');
    }
    const now = opts.at ?? this.clock();
    const today = chinaDate(now);
    const content = checkedText('input.content', input.content, true)!;
    const contact = checkedContact(input.contact, !p);
    const particulars = await this.namedMatter(checkedParticulars(input, today), ctx.requestId);
    const regionCode = checkedRegion(input.regionCode);
    if (particulars.officeUnitCode)
      await this.registeredUnit(particulars.officeUnitCode, 'input.office.supervisingUnitCode', ctx.requestId);
    const evidence = validateEvidence(input.evidence, this.rules.evidence);

    const accessCode = p ? null : newAccessCode();
    const id = newCaseId(now.getTime());
    const feedback = await this.db.transaction(async (tx) => {
      const row = tx.getRepository(FeedbackEntity).create({
        id,
        number: await nextCaseNumber(tx, FeedbackCounterEntity, FEEDBACK_NUMBER_PREFIX, today),
        kind: input.kind,
        status: FeedbackStatus.SUBMITTED,
        creditCode,
        naturalPerson: creditCode !== null && NATURAL_PERSON_CODE.test(creditCode),
        filedBy: actorOf(p),
        filerRole: p?.role ?? 'ANONYMOUS',
        contactName: contact?.name ?? null,
        contactPhone: contact?.phone ?? null,
        contactEmail: contact?.email ?? null,
        accessCodeHash: accessCode ? sha256(accessCode) : null,
        content,
        ...particulars,
        regionCode,
        unitCode: null,
        filedAt: now,
        ...this.due(now, this.rules.answerWorkingDays),
        forwardedAt: null,
        unitReply: null,
        rectified: null,
        unitRepliedAt: null,
        answer: null,
        dismissalReason: null,
        endedAt: null,
        handlingMinutes: null,
        demo: opts.demo ?? false,
      });
      await tx.getRepository(FeedbackEntity).insert(row as QueryDeepPartialEntity<FeedbackEntity>);
      await this.appendSteps(tx, id, now, [
        {
          action: FeedbackAction.FILE,
          from: null,
          to: FeedbackStatus.SUBMITTED,
          actor: actorOf(p),
          role: p?.role ?? 'ANONYMOUS',
        },
      ]);
      // The evidence machinery of objections: the owner column holds the case id (ULIDs never collide).
      await storeEvidence(tx, id, evidence, now);
      await this.audit(tx, ctx, 'feedback.file', row);
      return row;
    });
    return { feedback, accessCode };
  }

  /** LEAD_DEPARTMENT answers a consultation or a service complaint: the answer goes to the filer. */
  answer(ctx: ServiceContext, id: string, answer: string): Promise<FeedbackEntity> {
    const text = checkedText('answer', answer, true)!;
    return this.act(ctx, id, FeedbackAction.ANSWER, {
      note: text,
      validate: (f) => {
        if (f.kind === FeedbackKind.CERTIFICATE_STILL_DEMANDED) {
          throw conflict(
            `${f.number} is a CERTIFICATE_STILL_DEMANDED complaint: forward it to the office's supervising unit (or dismiss it)`,
            { currentState: f.status, kind: f.kind },
          );
        }
      },
      changes: (f, now) => ({ answer: text, ...this.ended(f, now) }),
    });
  }

  /** LEAD_DEPARTMENT forwards a 应替未替 complaint to the office's supervising unit (a registered, active unit). */
  forward(ctx: ServiceContext, input: ForwardFeedbackInput): Promise<FeedbackEntity> {
    const note = checkedText('input.note', input.note, false);
    const given = input.unitCode?.trim() || null;
    if (given && !UNIT_CODE.test(given))
      throw badUserInput('input.unitCode', 'must be a source unit code such as GZ-D07');
    let unit: CatalogueSourceUnit | undefined;
    return this.act(ctx, input.id, FeedbackAction.FORWARD, {
      validate: async (f) => {
        if (f.kind !== FeedbackKind.CERTIFICATE_STILL_DEMANDED) {
          throw conflict(`${f.number} is a ${f.kind}: the lead department answers it itself`, {
            currentState: f.status,
            kind: f.kind,
          });
        }
        const code = given ?? f.officeUnitCode;
        if (!code)
          throw badUserInput('input.unitCode', "is required: the filer did not name the office's supervising unit");
        unit = await this.registeredUnit(code, given ? 'input.unitCode' : 'input.id', ctx.requestId);
      },
      get note() {
        return note ?? (unit ? `转至主管单位 ${unit.code}` : null);
      },
      changes: (f, now) => ({
        unitCode: unit!.code,
        regionCode: f.regionCode ?? unit!.regionCode ?? null,
        forwardedAt: now,
        ...this.due(now, this.rules.unitWorkingDays),
      }),
    });
  }

  /** The supervising unit it was forwarded to replies: what it found and whether the office now accepts reports. */
  reply(ctx: ServiceContext, input: UnitReplyInput): Promise<FeedbackEntity> {
    const text = checkedText('input.reply', input.reply, true)!;
    return this.act(ctx, input.id, FeedbackAction.UNIT_REPLY, {
      note: text,
      authorize: (p, f) => {
        if (p.role !== Role.SOURCE_UNIT || p.unitCode !== f.unitCode)
          throw forbidden(`complaint ${f.number} is forwarded to unit ${f.unitCode}, not to the caller`);
      },
      changes: (_f, now) => ({
        unitReply: text,
        rectified: input.rectified,
        unitRepliedAt: now,
        ...this.due(now, this.rules.answerWorkingDays),
      }),
    });
  }

  /** LEAD_DEPARTMENT closes a complaint the unit replied to, with its feedback to the filer. */
  close(ctx: ServiceContext, id: string, feedbackToFiler: string): Promise<FeedbackEntity> {
    const text = checkedText('feedbackToFiler', feedbackToFiler, true)!;
    return this.act(ctx, id, FeedbackAction.CLOSE, {
      note: text,
      changes: (f, now) => ({ answer: text, ...this.ended(f, now) }),
    });
  }

  /** LEAD_DEPARTMENT dismisses a case it cannot take up, with the reason the filer reads. */
  dismiss(ctx: ServiceContext, id: string, reason: string): Promise<FeedbackEntity> {
    const text = checkedText('reason', reason, true)!;
    return this.act(ctx, id, FeedbackAction.DISMISS, {
      note: text,
      changes: (f, now) => ({ dismissalReason: text, ...this.ended(f, now) }),
    });
  }

  /** The filing subject (or an operator for it) withdraws before the case is answered. */
  withdraw(ctx: ServiceContext, id: string, note?: string | null): Promise<FeedbackEntity> {
    return this.act(ctx, id, FeedbackAction.WITHDRAW, {
      note: checkedText('note', note, false),
      authorize: (p, f) => {
        if (f.creditCode === null)
          throw forbidden(`complaint ${f.number} was filed anonymously; the lead department handles it`);
        if (p.role === Role.SUBJECT && p.creditCode !== f.creditCode)
          throw forbidden('only the subject that filed a complaint may withdraw it');
      },
      changes: (f, now) => this.ended(f, now),
    });
  }

  /** An anonymous filer's case by number and access code; a wrong code answers NOT_FOUND, like an unknown number. */
  async byAccessCode(number: string, accessCode: string): Promise<FeedbackEntity> {
    const n = number?.trim().toUpperCase() ?? '';
    if (!/^GZTS-\d{4}-\d{6}$/.test(n)) throw badUserInput('number', 'must be a case number such as GZTS-2026-000042');
    const code = accessCode?.trim().toUpperCase() ?? '';
    if (!code) throw badUserInput('accessCode', 'is required');
    const row = await this.db.getRepository(FeedbackEntity).findOneBy({ number: n });
    const expected = Buffer.from(row?.accessCodeHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(sha256(code), 'hex');
    if (!row?.accessCodeHash || !timingSafeEqual(expected, given)) throw notFound('complaint', n);
    return row;
  }

  /** Newest first, keyset-paged on the number; a subject sees its own, a unit those forwarded to it. */
  async list(p: Principal, filter: FeedbackFilter | null | undefined, first: number, after: string | null | undefined) {
    const qb = this.db
      .getRepository(FeedbackEntity)
      .createQueryBuilder('f')
      .orderBy('f.number', 'DESC')
      .limit(first + 1);
    if (p.role === Role.SOURCE_UNIT) qb.andWhere('f.unitCode = :unit', { unit: p.unitCode });
    else if (p.role === Role.SUBJECT) qb.andWhere('f.creditCode = :code', { code: p.creditCode });
    else if (p.role === Role.OPERATOR) throw forbidden('operators read a case by its id, for the subject present');
    else if (filter?.unitCode) qb.andWhere('f.unitCode = :unit', { unit: filter.unitCode });
    if (filter?.kind) qb.andWhere('f.kind = :kind', { kind: filter.kind });
    if (filter?.status) qb.andWhere('f.status = :status', { status: filter.status });
    if (filter?.number) qb.andWhere('f.number = :number', { number: filter.number });
    if (filter?.overdue) FEEDBACK_DEADLINES.whereOverdue(qb, 'f', this.today());
    if (after) {
      const [number] = decodeCursor(after);
      if (typeof number !== 'string') throw badUserInput('after', 'is not a cursor returned by this API');
      qb.andWhere('f.number < :after', { after: number });
    }
    const rows = await qb.getMany();
    return {
      rows: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursor: (r: FeedbackEntity) => encodeCursor([r.number]),
    };
  }

  /** Cases past the due day of their current step, oldest first (the lead department's, or one unit's). */
  overdue(unitCode?: string | null, limit = 500): Promise<FeedbackEntity[]> {
    const qb = FEEDBACK_DEADLINES.whereOverdue(
      this.db.getRepository(FeedbackEntity).createQueryBuilder('f').where('1 = 1'),
      'f',
      this.today(),
    );
    if (unitCode) qb.andWhere('f.unitCode = :unit', { unit: unitCode });
    return qb.orderBy('f.dueOn', 'ASC').addOrderBy('f.number', 'ASC').limit(limit).getMany();
  }

  private ended(f: FeedbackEntity, now: Date): Partial<FeedbackEntity> {
    return { endedAt: now, dueOn: null, handlingMinutes: minutesBetween(f.filedAt, now) };
  }

  /**
   * A catalogue code names the matter: the catalogue's name fills an omitted one. A matter the filer
   * names goes in as named, catalogued or not (a matter missing from the catalogue is itself worth
   * a complaint), so only an omitted one needs the catalogue.
   */
  private async namedMatter(particulars: DemandParticulars, requestId?: string): Promise<DemandParticulars> {
    const code = particulars.matterCode;
    if (!code || particulars.matter) return particulars;
    const found = (await this.matters(requestId)).find((m) => m.code.toUpperCase() === code.toUpperCase());
    if (!found)
      throw badUserInput(
        'input.matter',
        `is required: ${code} is not an active matter of the substitution catalogue, which would name it`,
      );
    return { ...particulars, matter: found.name, matterCode: found.code };
  }

  private async registeredUnit(code: string, field: string, requestId?: string): Promise<CatalogueSourceUnit> {
    const unit = (await this.units(requestId)).find((u) => u.code === code);
    if (!unit) throw badUserInput(field, `${code} is not a registered source unit`);
    if (!unit.active) throw badUserInput(field, `${code} is not an active source unit`);
    return unit;
  }

  private appendSteps(tx: EntityManager, id: string, at: Date, steps: CaseStep[]) {
    return appendCaseEvents(tx, FeedbackEventEntity, 'caseId', id, at, steps);
  }

  private audit(tx: EntityManager, ctx: ServiceContext, action: string, f: FeedbackEntity) {
    return f.creditCode
      ? audit(tx, ctx, { action, subjectCodes: [f.creditCode], target: f.number })
      : auditAct(tx, ctx, { action, target: f.number });
  }

  private act(ctx: ServiceContext, id: string, action: FeedbackAction, spec: ActSpec): Promise<FeedbackEntity> {
    return actOnCase(this.db, this.kind, ctx, id, action, spec, this.clock);
  }

  /** Complaints on the case engine: an anonymous case is audited as an act with no subject. */
  private readonly kind: CaseKind<FeedbackEntity, FeedbackAction, FeedbackStatus> = {
    entity: FeedbackEntity,
    noun: 'complaint',
    machine: FEEDBACK_MACHINE,
    principal: (ctx) => {
      if (!ctx.principal) throw forbidden('acting on a complaint requires a bearer token');
      return ctx.principal;
    },
    appendSteps: (tx, id, at, steps) => this.appendSteps(tx, id, at, steps),
    audit: (tx, ctx, action, f) => this.audit(tx, ctx, `feedback.${action.toLowerCase()}`, f),
  };
}
