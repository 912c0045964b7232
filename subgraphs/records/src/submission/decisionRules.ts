import type { RecordEntity } from '../record/record.entity';
import { RecordStatus } from '../record/record.type';
import { CONTENT_FIELDS, sameValue, type RecordContent } from './recordValidation';
import { RowReason, type RecordRowProblem } from './rowProblem';

/**
 * The rules a submitted decision meets against what is stored: each returns the problem that
 * refuses the row, or null. Applied in this order by `applyDecision`.
 */

/** A decision is its deciding authority's credit code plus its number, whichever unit sends it. */
export const decisionIdentity = (r: { decidingAuthorityCode: string; decisionNumber: string }): string =>
  `${r.decidingAuthorityCode}\u0000${r.decisionNumber}`;

/** One record per decision: another unit's copy of a stored decision is refused, naming the unit that holds it. */
export function ownedByOtherUnit(
  stored: RecordEntity | undefined,
  unitCode: string,
  decision: RecordContent,
): RecordRowProblem | null {
  if (!stored || stored.sourceUnitCode === unitCode) return null;
  return {
    field: 'decisionNumber',
    code: RowReason.OWNED_BY_OTHER_UNIT,
    message: `decision ${decision.decisionNumber} of ${decision.decidingAuthorityCode} is recorded by unit ${stored.sourceUnitCode}`,
  };
}

/** Same content as stored or as the file left it so far (the decision number aside)? */
export const sameContent = (record: RecordEntity, content: RecordContent): boolean =>
  CONTENT_FIELDS.every((f) => sameValue(record[f], content[f]));

/** A revoked decision is no record any more: a submission cannot change it back. */
export function revokedRecordChange(record: RecordEntity): RecordRowProblem | null {
  if (record.status !== RecordStatus.REVOKED) return null;
  return {
    field: 'decisionNumber',
    code: RowReason.RECORD_REVOKED,
    message: `record ${record.id} was revoked; a revoked decision cannot be changed`,
  };
}

/**
 * Corrections stick: a field an upheld objection decided (`decided`: field → objection id) cannot be
 * put back by a later submission, only by a new decision or through the objection workflow.
 */
export function revertsCorrection(
  recordId: string,
  changedFields: string[],
  decided: ReadonlyMap<string, string> | undefined,
): RecordRowProblem | null {
  const reverted = decided && changedFields.find((f) => decided.has(f));
  if (!reverted) return null;
  return {
    field: reverted,
    code: RowReason.CORRECTED_BY_OBJECTION,
    message: `${reverted} of record ${recordId} was decided by objection ${decided.get(reverted)}; change it by a new decision (a new decision number) or through the objection workflow`,
  };
}
