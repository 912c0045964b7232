import { moveInTallies } from '../aggregates/objectionTallies';
import {
  audit,
  badUserInput,
  chinaDate,
  conflict,
  forbidden,
  requirePrincipal,
  Role,
  type Principal,
  type ServiceContext,
  type DueCalendar,
} from '@credit/shared';
import type { DataSource } from 'typeorm';
import { validateCorrection } from '../correction/correctionValidation';
import { ObjectionEntity, type StoredCorrection } from '../objection/objection.entity';
import { actOnCase, type CaseKind } from '../case/actOnCase';
import { checkedText } from '../case/caseText';
import { minutesBetween } from '../case/handlingTime';
import { appendCaseEvents } from '../case/timeline';
import { ObjectionStatus, ObjectionType } from '../objection/objectionStatus';
import { enqueue, type CorrectionPayload, type MarkPayload } from '../outbox/outbox';
import { OutboxKind } from '../outbox/outbox.entity';
import type { DeadlineRules } from './deadlines';
import { OBJECTION_MACHINE, ObjectionAction } from './objectionStateMachine';
import { ObjectionEventEntity } from './objectionEvent.entity';
import { ObjectionOutcome, type ResolveObjectionInput } from './workflow.inputs';

type Effect = [OutboxKind, MarkPayload | CorrectionPayload];

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

/** Objections on the case engine: the compare-and-set also holds the unit (a reassignment may keep the status). */
const OBJECTION_CASE: CaseKind<ObjectionEntity, ObjectionAction, ObjectionStatus> = {
  entity: ObjectionEntity,
  noun: 'objection',
  machine: OBJECTION_MACHINE,
  principal: requirePrincipal,
  heldStill: (o) => ({ unitCode: o.unitCode }),
  appendSteps: (tx, id, at, steps) => appendCaseEvents(tx, ObjectionEventEntity, 'objectionId', id, at, steps),
  audit: (tx, ctx, action, o) =>
    audit(tx, ctx, { action: `objection.${action.toLowerCase()}`, subjectCodes: [o.creditCode], target: o.number }),
};

const ownsObjection = (p: Principal, o: ObjectionEntity) => {
  if (p.role === Role.SUBJECT && p.creditCode !== o.creditCode)
    throw forbidden('only the subject that filed an objection may act on it');
};
const unitOwns = (p: Principal, o: ObjectionEntity) => {
  if (p.role !== Role.SOURCE_UNIT || p.unitCode !== o.unitCode)
    throw forbidden(`objection ${o.number} is routed to unit ${o.unitCode}, not to the caller`);
};

/**
 * The workflow engine: every act on a filed objection (who may do what in which state, the
 * working-day deadlines, the effects on records), each committed in one transaction together with
 * its timeline event, its audit entry and its outbox rows.
 */
export class ObjectionWorkflow {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: DueCalendar,
    private readonly rules: Pick<DeadlineRules, 'reviewWorkingDays'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private reviewDue(now: Date): Pick<ObjectionEntity, 'reviewDueOn' | 'dueProvisional'> {
    const due = this.calendar.dueIn(chinaDate(now), this.rules.reviewWorkingDays);
    return { reviewDueOn: due.date, dueProvisional: due.provisional };
  }

  /** The Guizhou calendar day deadlines and overdue flags are judged on. */
  today(): string {
    return chinaDate(this.clock());
  }

  accept(ctx: ServiceContext, id: string, note?: string | null): Promise<ObjectionEntity> {
    return this.transition(ctx, id, ObjectionAction.ACCEPT, {
      note: checkedText('note', note, false),
      chain: ObjectionAction.FORWARD,
      changes: (_o, now) => ({ forwardedAt: now, ...this.reviewDue(now) }),
    });
  }

  refuse(ctx: ServiceContext, id: string, reason: string): Promise<ObjectionEntity> {
    const why = checkedText('reason', reason, true)!;
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
      note: checkedText('note', note, false) ?? `reassigned to ${unit}`,
      validate: (o) => {
        if (o.unitCode === unit) throw badUserInput('unitCode', `objection ${o.number} is already with ${unit}`);
      },
      // A new unit gets the full review period from the day it receives the objection.
      changes: (_o, now) => ({
        unitCode: unit,
        forwardedAt: now,
        ...this.reviewDue(now),
      }),
    });
  }

  startReview(ctx: ServiceContext, id: string, note?: string | null): Promise<ObjectionEntity> {
    return this.transition(ctx, id, ObjectionAction.START_REVIEW, {
      authorize: unitOwns,
      note: checkedText('note', note, false),
    });
  }

  resolve(ctx: ServiceContext, input: ResolveObjectionInput): Promise<ObjectionEntity> {
    const upheld = input.outcome === ObjectionOutcome.UPHELD;
    const explanation = checkedText('input.explanation', input.explanation, true)!;
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
      note: checkedText('note', note, false),
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
      note: checkedText('note', note, false),
      changes: (_o, now) => ({ closedAt: now }),
      effects: (o) => [[OutboxKind.CLEAR, { recordId: o.recordId }]],
    });
  }

  private transition(
    ctx: ServiceContext,
    id: string,
    action: ObjectionAction,
    spec: TransitionSpec,
  ): Promise<ObjectionEntity> {
    return actOnCase(
      this.db,
      OBJECTION_CASE,
      ctx,
      id,
      action,
      {
        ...spec,
        chain: spec.chain && { action: spec.chain, note: (o) => `转至数据来源单位 ${o.unitCode}` },
        publish: async (tx, before, after) => {
          await moveInTallies(tx, before, after);
          for (const [kind, payload] of spec.effects?.(before) ?? []) await enqueue(tx, id, kind, payload);
        },
      },
      this.clock,
    );
  }
}
