import type { ObjectionEntity } from '../objection/objection.entity';
import { CorrectionChange, ObjectionCorrection, ObjectionCorrectionAction } from './correction.type';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const asText = (v: unknown): string | null =>
  v === null || v === undefined ? null : Array.isArray(v) ? v.join(';') : String(v);

/** The decided correction and whether records has applied it yet; null when there is none. */
export function toCorrectionView(
  e: Pick<ObjectionEntity, 'correction' | 'correctionAppliedAt' | 'correctedVersion'>,
): ObjectionCorrection | null {
  const c = e.correction;
  if (!c) return null;
  return Object.assign(new ObjectionCorrection(), {
    action: c.action as ObjectionCorrectionAction,
    reason: c.reason,
    changes: Object.entries(c.changes ?? {}).map(([field, value]) =>
      Object.assign(new CorrectionChange(), { field, value: asText(value) }),
    ),
    applied: e.correctionAppliedAt !== null,
    appliedAt: iso(e.correctionAppliedAt),
    recordVersion: e.correctedVersion,
  });
}
