import {
  AuditEntry,
  badUserInput,
  chinaDate,
  chunks,
  conflict,
  NO_SUBJECT_CHANGES,
  type SubjectChanges,
} from '@credit/shared';
import { In, IsNull, Not, type DataSource, type EntityManager } from 'typeorm';
import type { DomainCatalogue, SubjectRegister } from '../catalogue/entitiesDirectory';
import { NameMismatchEntity, sameSubjectName } from '../quality/nameMismatch.entity';
import { ExcludedDecisionEntity } from '../record/excludedDecision.entity';
import { RecordEntity } from '../record/record.entity';
import { newRecordId } from '../record/recordId';
import { parseChanges, RevisionEntity } from '../record/revision.entity';
import { publishRecordChanges, recordChange } from '../changeFeed/recordChanges';
import { diff, isUniqueViolation } from '../record/revisionWriter';
import { applyDecision, rowResult, type BatchRecord, type DecisionWriter } from './applyDecision';
import { decisionIdentity } from './decisionRules';
import { CONTENT_FIELDS, validateRecordRow, type RecordContent, type RecordRow } from './recordValidation';
import { RowReason, type RecordRowProblem } from './rowProblem';
import { TallyDeltas } from '../aggregates/tallyDeltas';
import { bulkLoad } from './bulkLoad';
import { defaultRegion } from './regionDefault';
import { SubmissionEntity } from './submission.entity';
import { RecordRowResult, RecordVerdict, SubmitRecordsPayload } from './submission.inputs';

export const MAX_SUBMISSION_ROWS = 1000;
/**
 * The import command's batch: one transaction, so it bounds lock time and statement size; larger
 * than the API's because fewer, larger transactions spend less on commits and round trips.
 */
export const MAX_IMPORT_BATCH_ROWS = 10_000;
// Decision numbers per lookup: fewer round trips for import batches, well under SQLite's parameter limit.
const IN_CHUNK = 2000;

/** Subjects whose records a batch created or changed. */
function writtenSubjects(rows: Map<string, BatchRecord>, results: RecordRowResult[]): string[] {
  const changed = (i: number) =>
    results[i].verdict === RecordVerdict.CREATED || results[i].verdict === RecordVerdict.UPDATED;
  const out = new Set<string>();
  for (const r of rows.values()) {
    for (const o of [r, ...(r.repeats ?? [])]) if (changed(o.index)) out.add(o.content.creditCode);
  }
  return [...out];
}

/** Who is submitting: the unit code always comes from the token (or the import command's --unit), never from a row. */
export interface Submitter {
  unitCode: string;
  unitDomains: ReadonlySet<string>;
  actor: string;
  channel: 'API' | 'IMPORT';
  /** The unit's registered region: rows without a region get it (see defaultRegion). */
  unitRegionCode?: string | null;
  /** Carried into the audit trail (the import command has none of its own). */
  requestId?: string;
}

/** A validated batch, not yet written. */
export interface PreparedBatch {
  who: Submitter;
  submitted: number;
  now: Date;
  batchId: string;
  results: RecordRowResult[];
  records: Map<string, BatchRecord>;
  excluded: Map<string, { index: number; content: RecordContent; reasons: RecordRowProblem[] }>;
  /** Rows that got the unit's region because they named none. */
  regionDefaulted: number;
  /** Registered names of the batch's subjects; null when entities could not be asked (nothing is listed then). */
  registeredNames: Map<string, string> | null;
}

/**
 * Responsible for accepting a unit's batch of decisions: per-row verdicts, idempotence on
 * (unit, decision number), one transaction per batch with its revisions and its submission log.
 */
export class SubmissionService {
  constructor(
    private readonly db: DataSource,
    private readonly catalogue: DomainCatalogue & Partial<SubjectRegister>,
    private readonly changes: SubjectChanges = NO_SUBJECT_CHANGES,
  ) {}

  /** The API path: at most MAX_SUBMISSION_ROWS rows, validated and written in one transaction. */
  async submit(who: Submitter, rows: RecordRow[], now = new Date()): Promise<SubmitRecordsPayload> {
    if (rows.length > MAX_SUBMISSION_ROWS) {
      throw badUserInput('records', `at most ${MAX_SUBMISSION_ROWS} rows per call, got ${rows.length}`, {
        max: MAX_SUBMISSION_ROWS,
        got: rows.length,
      });
    }
    return this.write(await this.prepare(who, rows, now));
  }

  /**
   * Validates a batch (per-row verdicts, duplicates within it) without touching the database,
   * so that the import command can validate its next batch while the previous one is written.
   * Batches larger than the API's are for the import command only.
   */
  async prepare(who: Submitter, rows: RecordRow[], now = new Date()): Promise<PreparedBatch> {
    if (rows.length === 0) throw badUserInput('records', 'must contain at least one row');
    if (rows.length > MAX_IMPORT_BATCH_ROWS) {
      throw badUserInput('records', `at most ${MAX_IMPORT_BATCH_ROWS} rows per batch, got ${rows.length}`, {
        max: MAX_IMPORT_BATCH_ROWS,
        got: rows.length,
      });
    }
    const ctx = { unitDomains: who.unitDomains, catalogue: await this.catalogue.domains(), today: chinaDate(now) };
    const results: RecordRowResult[] = new Array<RecordRowResult>(rows.length);
    const records = new Map<string, BatchRecord>();
    const excluded = new Map<string, { index: number; content: RecordContent; reasons: RecordRowProblem[] }>();
    let regionDefaulted = 0;
    rows.forEach((row, index) => {
      // The unit's region for a row without one goes to the validator beside the row: copying the
      // row with it ({ ...row }) was V8's slow path, for every row of a national export (no region column).
      let regionCode = row.regionCode;
      if (who.unitRegionCode && !regionCode?.trim()) {
        regionCode = defaultRegion(who.unitRegionCode, row.creditCode);
        regionDefaulted++;
      }
      const outcome = validateRecordRow(row, ctx, regionCode);
      const number = row.decisionNumber?.trim() || null;
      if (outcome.kind === 'rejected') {
        results[index] = rowResult(index, number, RecordVerdict.REJECTED, null, outcome.problems);
        return;
      }
      const key = decisionIdentity(outcome.content);
      // A decision repeated later in the batch (an export carrying a row and, further down, its
      // correction) is applied in order: see applyDecision.
      const first = records.get(key);
      if (first && outcome.kind === 'record') {
        (first.repeats ??= []).push({ index, content: outcome.content });
      } else if (first && outcome.kind === 'excluded') {
        results[index] = rowResult(index, outcome.content.decisionNumber, RecordVerdict.REJECTED, null, [
          {
            field: outcome.reasons[0].field,
            code: RowReason.INVALID_VALUE,
            message: `decision ${outcome.content.decisionNumber} is a record in row ${first.index} of this batch; revoke it (revokeRecord) instead of resubmitting it as not a record`,
          },
        ]);
      } else if (outcome.kind === 'excluded') {
        if (excluded.has(key))
          results[index] = rowResult(
            index,
            outcome.content.decisionNumber,
            RecordVerdict.EXCLUDED,
            null,
            outcome.reasons,
          );
        else excluded.set(key, { index, content: outcome.content, reasons: outcome.reasons });
      } else {
        records.set(key, { index, content: outcome.content });
      }
    });
    return {
      who,
      submitted: rows.length,
      now,
      batchId: newRecordId(now.getTime()),
      results,
      records,
      excluded,
      regionDefaulted,
      registeredNames: await this.registeredNamesOf(records, who.requestId),
    };
  }

  /**
   * One call per batch. A name that differs from the register is accepted (the decision names whom
   * it names) and listed; if entities cannot answer, the batch is written without that check.
   */
  private async registeredNamesOf(records: Map<string, BatchRecord>, requestId?: string) {
    if (!this.catalogue.registeredNames || records.size === 0) return null;
    const codes = new Set<string>();
    for (const r of records.values()) for (const o of [r, ...(r.repeats ?? [])]) codes.add(o.content.creditCode);
    try {
      return await this.catalogue.registeredNames([...codes], requestId);
    } catch {
      return null;
    }
  }

  /** Writes a prepared batch in one transaction: records, revisions, exclusions, submission log, audit. */
  async write(batch: PreparedBatch): Promise<SubmitRecordsPayload> {
    const { who, batchId, records, excluded, results, now } = batch;
    try {
      await this.db.transaction(async (tx) => {
        const deltas = new TallyDeltas();
        const written = await this.writeRecords(tx, who, batchId, records, results, now, deltas);
        await this.writeNameMismatches(tx, who, written, batch.registeredNames, now);
        await this.writeExcluded(tx, who, excluded, results, now);
        const entry = this.logEntry(who, batchId, batch.submitted, results, now);
        await tx.createQueryBuilder().insert().into(SubmissionEntity).values(entry).updateEntity(false).execute();
        deltas.batch(who.unitCode, chinaDate(now), entry);
        await this.auditWrites(tx, who, batchId, records, results);
        // Last, so that the shared tally rows stay locked for the shortest time.
        await deltas.apply(tx);
      });
      await this.changes.publish(writtenSubjects(records, results));
    } catch (err) {
      // Two batches racing on the same decision numbers: the loser changes nothing and may simply resend.
      if (isUniqueViolation(err))
        throw conflict('another submission of the same decisions is in progress; resend the batch', {
          field: 'records',
        });
      throw err;
    }
    const count = (v: RecordVerdict) => results.filter((r) => r.verdict === v).length;
    return Object.assign(new SubmitRecordsPayload(), {
      batchId,
      results,
      created: count(RecordVerdict.CREATED),
      updated: count(RecordVerdict.UPDATED),
      unchanged: count(RecordVerdict.UNCHANGED),
      excluded: count(RecordVerdict.EXCLUDED),
      rejected: count(RecordVerdict.REJECTED),
      regionDefaulted: batch.regionDefaulted,
    });
  }

  /** One audit entry per subject whose records this batch created or changed, in the same transaction. */
  private async auditWrites(
    tx: EntityManager,
    who: Submitter,
    batchId: string,
    rows: Map<string, BatchRecord>,
    results: RecordRowResult[],
  ): Promise<void> {
    const written = writtenSubjects(rows, results);
    const entries = written.map((subjectCode) => ({
      actor: who.actor,
      role: 'SOURCE_UNIT',
      action: 'record.submit',
      subjectCode,
      target: `batch ${batchId}`,
      requestId: who.requestId ?? `import-${batchId}`,
    }));
    await bulkLoad(tx, AuditEntry, entries);
  }

  private async writeRecords(
    tx: EntityManager,
    who: Submitter,
    batchId: string,
    rows: Map<string, BatchRecord>,
    results: RecordRowResult[],
    now: Date,
    deltas: TallyDeltas,
  ): Promise<RecordEntity[]> {
    if (rows.size === 0) return [];
    const written: RecordEntity[] = [];
    const existing = await this.storedDecisions(
      tx,
      [...rows.values()].map((r) => r.content.decisionNumber),
    );
    const decided = await this.decidedFields(
      tx,
      [...existing.values()].filter((r) => r.sourceUnitCode === who.unitCode && r.version > 1).map((r) => r.id),
    );
    const inserts: RecordEntity[] = [];
    const revisions: Partial<RevisionEntity>[] = [];
    const published: ReturnType<typeof recordChange>[] = [];
    const today = chinaDate(now);
    const writer: DecisionWriter = {
      unitCode: who.unitCode,
      actor: who.actor,
      reason: `submitted by ${who.unitCode} (${who.channel.toLowerCase()} batch ${batchId})`,
      batchId,
      now,
    };
    for (const [identity, decision] of rows) {
      const before = existing.get(identity);
      const outcome = applyDecision(decision, before, before && decided.get(before.id), writer);
      for (const v of outcome.verdicts) results[v.index] = v;
      revisions.push(...outcome.revisions);
      if (outcome.created) {
        const record = outcome.created;
        written.push(record);
        inserts.push(record);
        deltas.record(record, 1);
        deltas.newRecord(who.unitCode, today, record.lagDays);
        published.push(recordChange(null, record, 'CREATED', now, null));
      } else if (outcome.updated) {
        const { before: was, after } = outcome.updated;
        written.push(after);
        deltas.recordChange(was, after);
        const changes = Object.fromEntries(CONTENT_FIELDS.map((f) => [f, after[f]])) as Partial<RecordEntity>;
        await tx
          .getRepository(RecordEntity)
          .update({ id: after.id }, { ...changes, version: after.version, updatedAt: now });
        published.push(recordChange(was, after, 'UPDATED', now, diff(was, changes)));
      }
    }
    await bulkLoad(tx, RecordEntity, inserts);
    await bulkLoad(tx, RevisionEntity, revisions);
    // Reports issued over these records learn of them through the change outbox, in this transaction.
    await publishRecordChanges(tx, published);
    return written;
  }

  /** Each written record's name checked against the register: its listing replaced, in the same transaction. */
  private async writeNameMismatches(
    tx: EntityManager,
    who: Submitter,
    written: RecordEntity[],
    names: Map<string, string> | null,
    now: Date,
  ): Promise<void> {
    if (!names || written.length === 0) return;
    const mismatches = written
      .filter((r) => names.has(r.creditCode) && !sameSubjectName(r.subjectName, names.get(r.creditCode)!))
      .map((r) => ({
        recordId: r.id,
        sourceUnitCode: who.unitCode,
        decisionNumber: r.decisionNumber,
        creditCode: r.creditCode,
        submittedName: r.subjectName,
        registeredName: names.get(r.creditCode)!.slice(0, 200),
        seenAt: now,
      }));
    const updated = written.filter((r) => r.version > 1).map((r) => r.id);
    for (const part of chunks(updated, IN_CHUNK))
      await tx.getRepository(NameMismatchEntity).delete({ recordId: In(part) });
    await bulkLoad(tx, NameMismatchEntity, mismatches);
  }

  /** Stored records of these decision numbers, by decision identity (any unit's). */
  private async storedDecisions(tx: EntityManager, numbers: string[]): Promise<Map<string, RecordEntity>> {
    const out = new Map<string, RecordEntity>();
    for (const part of chunks([...new Set(numbers)], IN_CHUNK)) {
      for (const r of await tx.getRepository(RecordEntity).findBy({ decisionNumber: In(part) }))
        out.set(decisionIdentity(r), r);
    }
    return out;
  }

  /**
   * Fields an upheld objection set, per record: a later submission may not put them back. Only
   * records revised since creation (version > 1) can have any, so most batches ask nothing.
   */
  private async decidedFields(tx: EntityManager, recordIds: string[]): Promise<Map<string, Map<string, string>>> {
    const out = new Map<string, Map<string, string>>();
    for (const part of chunks(recordIds, IN_CHUNK)) {
      const corrections = await tx.getRepository(RevisionEntity).find({
        select: { recordId: true, objectionId: true, changes: true },
        where: { recordId: In(part), action: 'CORRECTED', objectionId: Not(IsNull()) },
      });
      for (const c of corrections) {
        const fields = out.get(c.recordId) ?? new Map<string, string>();
        for (const f of Object.keys(parseChanges(c.changes))) fields.set(f, c.objectionId!);
        out.set(c.recordId, fields);
      }
    }
    return out;
  }

  private async writeExcluded(
    tx: EntityManager,
    who: Submitter,
    rows: Map<string, { index: number; content: RecordContent; reasons: RecordRowProblem[] }>,
    results: RecordRowResult[],
    now: Date,
  ): Promise<void> {
    if (rows.size === 0) return;
    const numbers = [...rows.values()].map((r) => r.content.decisionNumber);
    const records = await this.storedDecisions(tx, numbers);
    const known = new Set<string>();
    for (const part of chunks(numbers, IN_CHUNK)) {
      for (const e of await tx
        .getRepository(ExcludedDecisionEntity)
        .find({ select: { decisionNumber: true }, where: { sourceUnitCode: who.unitCode, decisionNumber: In(part) } }))
        known.add(e.decisionNumber);
    }
    const inserts: Partial<ExcludedDecisionEntity>[] = [];
    for (const [identity, { index, content, reasons }] of rows) {
      const number = content.decisionNumber;
      const record = records.get(identity);
      if (record) {
        // A decision that is already a record does not silently stop being one: that takes a revocation with a reason.
        results[index] = rowResult(index, number, RecordVerdict.REJECTED, record.id, [
          {
            field: reasons[0].field,
            code: RowReason.INVALID_VALUE,
            message: `decision ${number} is already record ${record.id}; revoke it (revokeRecord) instead of resubmitting it as not a record`,
          },
        ]);
        continue;
      }
      if (!known.has(number)) {
        inserts.push({
          id: newRecordId(now.getTime()),
          sourceUnitCode: who.unitCode,
          decisionNumber: number,
          creditCode: content.creditCode,
          domainCode: content.domainCode,
          decisionDate: content.decisionDate,
          reason: reasons[0].code,
          firstSeenAt: now,
        });
      }
      results[index] = rowResult(index, number, RecordVerdict.EXCLUDED, null, reasons);
    }
    await bulkLoad(tx, ExcludedDecisionEntity, inserts);
  }

  private logEntry(
    who: Submitter,
    batchId: string,
    submitted: number,
    results: RecordRowResult[],
    now: Date,
  ): SubmissionEntity {
    const count = (v: RecordVerdict) => results.filter((r) => r.verdict === v).length;
    const rejectReasons: Record<string, number> = {};
    for (const r of results) {
      if (r.verdict !== RecordVerdict.REJECTED) continue;
      for (const code of new Set(r.reasons.map((x) => x.code))) rejectReasons[code] = (rejectReasons[code] ?? 0) + 1;
    }
    return {
      id: batchId,
      sourceUnitCode: who.unitCode,
      channel: who.channel,
      actor: who.actor,
      submittedAt: now,
      rowsSubmitted: submitted,
      created: count(RecordVerdict.CREATED),
      updated: count(RecordVerdict.UPDATED),
      unchanged: count(RecordVerdict.UNCHANGED),
      excluded: count(RecordVerdict.EXCLUDED),
      rejected: count(RecordVerdict.REJECTED),
      rejectReasons,
    };
  }
}
