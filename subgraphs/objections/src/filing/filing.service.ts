import { moveInTallies } from '../aggregates/objectionTallies';
import {
  actorOf,
  audit,
  chinaDate,
  chinaMonth,
  conflict,
  domainError,
  ErrorCode,
  forbidden,
  notFound,
  requirePrincipal,
  ServiceCallError,
  subjectActedFor,
  type ServiceContext,
  type DueCalendar,
} from '@credit/shared';
import { In, type DataSource } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { storeEvidence } from '../evidence/evidenceStore';
import { validateEvidence, type EvidenceLimits } from '../evidence/evidenceValidation';
import { ObjectionEntity } from '../objection/objection.entity';
import { checkedText } from '../case/caseText';
import { OPEN_STATUSES, ObjectionStatus, ObjectionType } from '../objection/objectionStatus';
import { enqueue } from '../outbox/outbox';
import { OutboxKind } from '../outbox/outbox.entity';
import type { RecordFacts, RecordsClient } from '../outbox/recordsClient';
import { assertRoleMay, ObjectionAction } from '../workflow/objectionStateMachine';
import { appendSteps } from '../workflow/timeline';
import type { FileObjectionInput } from './filing.inputs';
import { ObjectionCounterEntity } from './objectionCounter.entity';
import { newCaseId, nextCaseNumber } from '../case/caseNumber';
import { OBJECTION_NUMBER_PREFIX } from './objectionNumber';

export interface FilingRules {
  acceptWorkingDays: number;
  evidence: EvidenceLimits;
}

/**
 * Responsible for filing an objection: the record must exist, be the subject's own and have no open
 * objection; the objection gets its number and acceptance deadline, its evidence, its first
 * timeline event, its audit entry and the outbox row that flags the record, in one transaction.
 */
export class ObjectionFiling {
  constructor(
    private readonly db: DataSource,
    private readonly records: RecordsClient,
    private readonly calendar: DueCalendar,
    private readonly rules: FilingRules,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async file(ctx: ServiceContext, input: FileObjectionInput, opts: { demo?: boolean } = {}): Promise<ObjectionEntity> {
    const p = requirePrincipal(ctx);
    assertRoleMay(ObjectionAction.FILE, p.role);
    const creditCode = subjectActedFor(p, {
      action: 'objection:file',
      requested: input.creditCode,
      field: 'input.creditCode',
    });
    const reason = checkedText('input.reason', input.reason, true)!;
    const recordId = checkedText('input.recordId', input.recordId, true, 26)!;
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
    const acceptDue = this.calendar.dueIn(today, this.rules.acceptWorkingDays);
    const id = newCaseId(now.getTime());
    return this.db.transaction(async (tx) => {
      const objection = tx.getRepository(ObjectionEntity).create({
        id,
        number: await nextCaseNumber(tx, ObjectionCounterEntity, OBJECTION_NUMBER_PREFIX, today),
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
        acceptDueOn: acceptDue.date,
        dueProvisional: acceptDue.provisional,
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
      await moveInTallies(tx, null, objection);
      await appendSteps(tx, id, now, [
        { action: ObjectionAction.FILE, from: null, to: ObjectionStatus.SUBMITTED, actor: actorOf(p), role: p.role },
      ]);
      await storeEvidence(tx, id, evidence, now);
      await enqueue(tx, id, OutboxKind.MARK, { recordId });
      await audit(tx, ctx, { action: 'objection.file', subjectCodes: [creditCode], target: objection.number });
      return objection;
    });
  }

  private async lookupRecord(id: string, requestId: string): Promise<RecordFacts | null> {
    try {
      return await this.records.findRecord(id, requestId);
    } catch (err) {
      if (err instanceof ServiceCallError && err.retryable) {
        // Nothing is written: without the record its owner cannot be checked. The caller retries.
        throw domainError(
          ErrorCode.SERVICE_UNAVAILABLE,
          'the records service is unavailable; please try again shortly',
          { service: 'records', retryable: true },
        );
      }
      throw err;
    }
  }
}
