import {
  hasControlCharacters,
  actorOf,
  audit,
  badUserInput,
  chinaDate,
  chinaMonth,
  conflict,
  domainError,
  ErrorCode,
  forbidden,
  notFound,
  requirePrincipal,
  Role,
  ServiceCallError,
  subjectActedFor,
  type Principal,
  type ServiceContext,
  type WorkingCalendar,
} from '@credit/shared';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { EvidenceChunkEntity, EvidenceEntity } from '../evidence/evidence.entity';
import { toChunks, validateEvidence, type EvidenceLimits } from '../evidence/evidenceValidation';
import { enqueue, type CorrectionPayload, type MarkPayload } from '../outbox/outbox';
import { OutboxEntity, OutboxKind, OutboxStatus } from '../outbox/outbox.entity';
import type { RecordFacts, RecordsClient } from '../outbox/recordsClient';
import { validateCorrection } from './correctionValidation';
import { ObjectionEntity, type StoredCorrection } from './objection.entity';
import { ObjectionOutcome, type FileObjectionInput, type ResolveObjectionInput } from './objection.inputs';
import { ObjectionCounterEntity } from './objectionCounter.entity';
import { ObjectionEventEntity } from './objectionEvent.entity';
import { formatNumber, newId } from './objectionId';
import { assertRoleMay, nextStatus, ObjectionAction } from './objectionStateMachine';
import { OPEN_STATUSES, ObjectionStatus, ObjectionType } from './objectionStatus';

export interface ObjectionRules {
  acceptWorkingDays: number;
  reviewWorkingDays: number;
  evidence: EvidenceLimits;
}

type Effect = [OutboxKind, MarkPayload | CorrectionPayload];

interface Step {
  action: ObjectionAction | 'CORRECTION_APPLIED';
  from: ObjectionStatus | null;
  to: ObjectionStatus;
  actor: string;
  role: string;
  note?: string | null;
}

interface TransitionSpec {
  /** Ownership beyond the role (own subject, own unit): throws FORBIDDEN. */
  authorize?: (p: Principal, o: ObjectionEntity) => void;
  /** Input checks that depend on the objection; run after the state check. */
  validate?: (o: ObjectionEntity) => void;
  changes?: (o: ObjectionEntity, now: Date) => Partial<ObjectionEntity>;
  note?: string | null;
  effects?: (o: ObjectionEntity) => Effect[];
  /** A second act the platform performs in the same transaction (FORWARD after ACCEPT). */
  chain?: ObjectionAction;
}

const SYSTEM = { actor: 'system:objections', role: 'SYSTEM' };
const MAX_TEXT = 2000;

function text(field: string, value: string | null | undefined, required: boolean, max = MAX_TEXT): string | null {
  const v = value?.trim() ?? '';
  if (!v) {
    if (required) throw badUserInput(field, 'is required');
    return null;
  }
  if (Array.from(v).length > max) throw badUserInput(field, `must be at most ${max} characters`);
  if (hasControlCharacters(v, { multiline: true })) throw badUserInput(field, 'must not contain control characters');
  return v;
}

const ownsObjection = (p: Principal, o: ObjectionEntity) => {
  if (p.role === Role.SUBJECT && p.creditCode !== o.creditCode)
    throw forbidden('only the subject that filed an objection may act on it');
};
const unitOwns = (p: Principal, o: ObjectionEntity) => {
  if (p.role !== Role.SOURCE_UNIT || p.unitCode !== o.unitCode)
    throw forbidden(`objection ${o.number} is routed to unit ${o.unitCode}, not to the caller`);
};
const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));

/**
 * Responsible for the objection workflow: who may do what in which state, the working-day
 * deadlines, and the effects on records, each act committed in one transaction together with its
 * timeline event, its audit entry and its outbox rows.
 */
export class ObjectionService {
  constructor(
    private readonly db: DataSource,
    private readonly records: RecordsClient,
    private readonly calendar: WorkingCalendar,
    private readonly rules: ObjectionRules,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  today(): string {
    return chinaDate(this.clock());
  }

  async file(ctx: ServiceContext, input: FileObjectionInput, opts: { demo?: boolean } = {}): Promise<ObjectionEntity> {
    const p = requirePrincipal(ctx);
    assertRoleMay(ObjectionAction.FILE, p.role);
    const creditCode = subjectActedFor(p, {
      action: 'objection:file',
      requested: input.creditCode,
      field: 'input.creditCode',
    });
    const reason = text('input.reason', input.reason, true)!;
    const recordId = text('input.recordId', input.recordId, true, 26)!;
    const evidence = validateEvidence(input.evidence, this.rules.evidence);

    const record = await this.lookupRecord(recordId, ctx.requestId);
    if (!record) throw notFound('record', recordId);
    if (record.creditCode !== creditCode) throw forbidden('a subject may object only to its own records');
    if (record.status === 'REVOKED')
      throw conflict(`record ${recordId} is revoked; there is nothing to object to`, { currentState: 'REVOKED' });
    const open = await this.db
      .getRepository(ObjectionEntity)
      .findOne({ where: { recordId, status: In([...OPEN_STATUSES]) } });
    if (open) {
      throw conflict(`record ${recordId} already has open objection ${open.number} (state ${open.status})`, {
        currentState: open.status,
        number: open.number,
      });
    }

    const now = this.clock();
    const today = chinaDate(now);
    const id = newId(now.getTime());
    return this.db.transaction(async (tx) => {
      const year = Number(today.slice(0, 4));
      const objection = tx.getRepository(ObjectionEntity).create({
        id,
        number: formatNumber(year, await this.nextSequence(tx, year)),
        type: input.type ?? ObjectionType.RECORD_ERROR,
        status: ObjectionStatus.SUBMITTED,
        recordId,
        creditCode,
        naturalPerson: record.subjectType === 'NATURAL_PERSON',
        domainCode: record.domainCode,
        unitCode: record.sourceUnitCode,
        reason,
        filedBy: actorOf(p),
        filedAt: now,
        filedMonth: chinaMonth(now),
        acceptDueOn: this.calendar.addWorkingDays(today, this.rules.acceptWorkingDays),
        forwardedAt: null,
        reviewDueOn: null,
        decidedAt: null,
        handlingMinutes: null,
        closedAt: null,
        refusalReason: null,
        explanation: null,
        correction: null,
        correctionAppliedAt: null,
        correctedVersion: null,
        demo: opts.demo ?? false,
      });
      // simple-json columns defeat TypeORM's deep-partial typing of insert(); the entity is complete.
      await tx.getRepository(ObjectionEntity).insert(objection as QueryDeepPartialEntity<ObjectionEntity>);
      await this.appendSteps(tx, id, now, [
        { action: ObjectionAction.FILE, from: null, to: ObjectionStatus.SUBMITTED, actor: actorOf(p), role: p.role },
      ]);
      for (const [position, ev] of evidence.entries()) {
        const evidenceId = newId(now.getTime());
        await tx.getRepository(EvidenceEntity).insert({
          id: evidenceId,
          objectionId: id,
          position,
          name: ev.name,
          contentType: ev.contentType,
          size: ev.size,
          sha256: ev.sha256,
        });
        await tx
          .getRepository(EvidenceChunkEntity)
          .insert(toChunks(ev.bytes).map((data, seq) => ({ evidenceId, seq, data })));
      }
      await enqueue(tx, id, OutboxKind.MARK, { recordId });
      await audit(tx, ctx, { action: 'objection.file', subjectCodes: [creditCode], target: objection.number });
      return objection;
    });
  }

  accept(ctx: ServiceContext, id: string, note?: string | null): Promise<ObjectionEntity> {
    return this.transition(ctx, id, ObjectionAction.ACCEPT, {
      note: text('note', note, false),
      chain: ObjectionAction.FORWARD,
      changes: (_o, now) => ({
        forwardedAt: now,
        reviewDueOn: this.calendar.addWorkingDays(chinaDate(now), this.rules.reviewWorkingDays),
      }),
    });
  }

  refuse(ctx: ServiceContext, id: string, reason: string): Promise<ObjectionEntity> {
    const why = text('reason', reason, true)!;
    return this.transition(ctx, id, ObjectionAction.REFUSE, {
      note: why,
      changes: (o, now) => ({ refusalReason: why, decidedAt: now, handlingMinutes: minutesBetween(o.filedAt, now) }),
      effects: (o) => [[OutboxKind.CLEAR, { recordId: o.recordId }]],
    });
  }

  reassign(ctx: ServiceContext, id: string, unitCode: string, note?: string | null): Promise<ObjectionEntity> {
    const unit = unitCode?.trim() ?? '';
    if (!/^[A-Za-z0-9-]{2,32}$/.test(unit)) throw badUserInput('unitCode', 'must be a source unit code such as GZ-D07');
    return this.transition(ctx, id, ObjectionAction.REASSIGN, {
      note: text('note', note, false) ?? `reassigned to ${unit}`,
      validate: (o) => {
        if (o.unitCode === unit) throw badUserInput('unitCode', `objection ${o.number} is already with ${unit}`);
      },
      // A new unit gets the full review period from the day it receives the objection.
      changes: (_o, now) => ({
        unitCode: unit,
        forwardedAt: now,
        reviewDueOn: this.calendar.addWorkingDays(chinaDate(now), this.rules.reviewWorkingDays),
      }),
    });
  }

  startReview(ctx: ServiceContext, id: string, note?: string | null): Promise<ObjectionEntity> {
    return this.transition(ctx, id, ObjectionAction.START_REVIEW, {
      authorize: unitOwns,
      note: text('note', note, false),
    });
  }

  resolve(ctx: ServiceContext, input: ResolveObjectionInput): Promise<ObjectionEntity> {
    const upheld = input.outcome === ObjectionOutcome.UPHELD;
    const explanation = text('input.explanation', input.explanation, true)!;
    let correction: StoredCorrection | null = null;
    return this.transition(ctx, input.id, upheld ? ObjectionAction.UPHOLD : ObjectionAction.REJECT, {
      authorize: unitOwns,
      note: explanation,
      validate: (o) => {
        if (!upheld) {
          if (input.correction)
            throw badUserInput('input.correction', 'a rejected objection changes nothing on the record');
          return;
        }
        if (input.correction) correction = validateCorrection(input.correction, this.today());
        else if (o.type !== ObjectionType.EXPLANATION_REQUEST) {
          throw badUserInput(
            'input.correction',
            `upholding a ${o.type} objection needs the correction to apply to the record`,
          );
        }
      },
      changes: (o, now) => ({
        explanation,
        correction,
        decidedAt: now,
        handlingMinutes: minutesBetween(o.filedAt, now),
      }),
      effects: (o) => [
        ...(correction ? [[OutboxKind.APPLY_CORRECTION, { recordId: o.recordId, ...correction }] as Effect] : []),
        [OutboxKind.CLEAR, { recordId: o.recordId }],
      ],
    });
  }

  close(ctx: ServiceContext, id: string, note?: string | null): Promise<ObjectionEntity> {
    return this.transition(ctx, id, ObjectionAction.CLOSE, {
      authorize: ownsObjection,
      note: text('note', note, false),
      validate: (o) => {
        if (o.correction && !o.correctionAppliedAt) {
          throw conflict(`objection ${o.number}: the correction has not reached the record yet; close it once it has`, {
            currentState: o.status,
            correctionPending: true,
          });
        }
      },
      changes: (_o, now) => ({ closedAt: now }),
    });
  }

  withdraw(ctx: ServiceContext, id: string, note?: string | null): Promise<ObjectionEntity> {
    return this.transition(ctx, id, ObjectionAction.WITHDRAW, {
      authorize: ownsObjection,
      note: text('note', note, false),
      changes: (_o, now) => ({ closedAt: now }),
      effects: (o) => [[OutboxKind.CLEAR, { recordId: o.recordId }]],
    });
  }

  /** Puts an objection's parked (FAILED) effects back in the queue, due now. */
  async retryEffects(ctx: ServiceContext, id: string): Promise<number> {
    const p = requirePrincipal(ctx);
    if (p.role !== Role.LEAD_DEPARTMENT) throw forbidden('only the lead department may retry parked deliveries');
    const o = await this.db.getRepository(ObjectionEntity).findOneBy({ id });
    if (!o) throw notFound('objection', id);
    const res = await this.db
      .getRepository(OutboxEntity)
      .update(
        { objectionId: id, status: OutboxStatus.FAILED },
        { status: OutboxStatus.PENDING, attempts: 0, nextAttemptAt: new Date(), claimedUntil: null },
      );
    await audit(this.db, ctx, { action: 'objection.retryEffects', subjectCodes: [o.creditCode], target: o.number });
    return res.affected ?? 0;
  }

  /** Outbox bookkeeping once records confirmed a correction: the applicant sees it applied. */
  async onDelivered(tx: EntityManager, row: OutboxEntity, result: { version?: number }): Promise<void> {
    if (row.kind !== OutboxKind.APPLY_CORRECTION) return;
    const o = await tx.getRepository(ObjectionEntity).findOneBy({ id: row.objectionId });
    if (!o || o.correctionAppliedAt) return;
    const now = this.clock();
    await tx
      .getRepository(ObjectionEntity)
      .update({ id: o.id }, { correctionAppliedAt: now, correctedVersion: result.version ?? null });
    await this.appendSteps(tx, o.id, now, [
      {
        action: 'CORRECTION_APPLIED',
        from: o.status as ObjectionStatus,
        to: o.status as ObjectionStatus,
        actor: 'service:records',
        role: Role.SERVICE,
        note: result.version
          ? `record ${o.recordId} corrected (version ${result.version})`
          : `record ${o.recordId} corrected`,
      },
    ]);
  }

  private async transition(
    ctx: ServiceContext,
    id: string,
    action: ObjectionAction,
    spec: TransitionSpec,
  ): Promise<ObjectionEntity> {
    const p = requirePrincipal(ctx);
    const repo = this.db.getRepository(ObjectionEntity);
    const o = await repo.findOneBy({ id });
    if (!o) throw notFound('objection', id);
    assertRoleMay(action, p.role);
    spec.authorize?.(p, o);
    let to = nextStatus({ number: o.number, status: o.status as ObjectionStatus }, action);
    spec.validate?.(o);
    const now = this.clock();
    const steps: Step[] = [
      { action, from: o.status as ObjectionStatus, to, actor: actorOf(p), role: p.role, note: spec.note ?? null },
    ];
    if (spec.chain) {
      assertRoleMay(spec.chain, 'SYSTEM');
      const next = nextStatus({ number: o.number, status: to }, spec.chain);
      steps.push({ action: spec.chain, from: to, to: next, ...SYSTEM, note: `to unit ${o.unitCode}` });
      to = next;
    }
    await this.db.transaction(async (tx) => {
      // Compare-and-set on the status: of two concurrent acts on one objection only one commits.
      const res = await tx
        .createQueryBuilder()
        .update(ObjectionEntity)
        .set({ ...(spec.changes?.(o, now) ?? {}), status: to })
        .where('id = :id AND status = :from', { id, from: o.status })
        .execute();
      if (res.affected !== 1) {
        const current = await tx.getRepository(ObjectionEntity).findOneByOrFail({ id });
        nextStatus({ number: o.number, status: current.status as ObjectionStatus }, action);
        throw conflict(`objection ${o.number} changed while acting on it; retry`, { currentState: current.status });
      }
      await this.appendSteps(tx, id, now, steps);
      for (const [kind, payload] of spec.effects?.(o) ?? []) await enqueue(tx, id, kind, payload);
      await audit(tx, ctx, {
        action: `objection.${action.toLowerCase()}`,
        subjectCodes: [o.creditCode],
        target: o.number,
      });
    });
    return repo.findOneByOrFail({ id });
  }

  private async appendSteps(tx: EntityManager, objectionId: string, at: Date, steps: Step[]): Promise<void> {
    const raw = await tx
      .getRepository(ObjectionEventEntity)
      .createQueryBuilder('e')
      .select('MAX(e.seq)', 'max')
      .where('e.objectionId = :objectionId', { objectionId })
      .getRawOne<{ max: number | string | null }>();
    let seq = Number(raw?.max ?? 0);
    await tx.getRepository(ObjectionEventEntity).insert(
      steps.map((s) => ({
        objectionId,
        seq: ++seq,
        action: s.action,
        fromStatus: s.from,
        toStatus: s.to,
        actor: s.actor,
        role: s.role,
        at,
        note: s.note ?? null,
      })),
    );
  }

  /** Next number of the year; the row lock (MySQL) or the write lock (SQLite) serialises concurrent filings. */
  private async nextSequence(tx: EntityManager, year: number): Promise<number> {
    await tx
      .createQueryBuilder()
      .insert()
      .into(ObjectionCounterEntity)
      .values({ year, lastNumber: 0 })
      .orIgnore()
      .execute();
    await tx
      .createQueryBuilder()
      .update(ObjectionCounterEntity)
      .set({ lastNumber: () => 'lastNumber + 1' })
      .where('year = :year', { year })
      .execute();
    return (await tx.getRepository(ObjectionCounterEntity).findOneByOrFail({ year })).lastNumber;
  }

  private async lookupRecord(id: string, requestId: string): Promise<RecordFacts | null> {
    try {
      return await this.records.findRecord(id, requestId);
    } catch (err) {
      if (err instanceof ServiceCallError && err.retryable) {
        // Nothing is written: without the record its owner cannot be checked. The caller retries.
        throw domainError(
          ErrorCode.INTERNAL_SERVER_ERROR,
          'the records service is unavailable; please try again shortly',
          { retryable: true },
        );
      }
      throw err;
    }
  }
}
