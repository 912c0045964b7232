import { badUserInput, hasControlCharacters, recordFieldProblems } from '@credit/shared';
import type { StoredCorrection } from '../objection/objection.entity';
import type { ObjectionCorrectionInput } from './correction.inputs';
import { ObjectionCorrectionAction } from './correction.type';

/**
 * Checks a correction before the decision commits: the outbox delivers it later, when nobody is
 * left to tell about a bad value, so what can be checked without the record is refused here first
 * (records re-checks the corrected record as a whole; a refusal there parks the delivery as FAILED).
 */
export function validateCorrection(
  input: ObjectionCorrectionInput,
  today: string,
  base = 'input.correction',
): StoredCorrection {
  const reason = input.reason?.trim() ?? '';
  if (!reason || Array.from(reason).length > 500) throw badUserInput(`${base}.reason`, 'must be 1 to 500 characters');
  if (hasControlCharacters(reason, { multiline: true }))
    throw badUserInput(`${base}.reason`, 'must not contain control characters');
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.changes ?? {})) {
    const field = `${base}.changes.${k}`;
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') {
      changes[k] = v;
      continue;
    }
    if (typeof v === 'string' && !v.trim())
      throw badUserInput(field, 'must not be empty (omit the field to leave it unchanged)');
    if (Array.isArray(v) && !v.some((x) => String(x).trim())) throw badUserInput(field, 'must list at least one value');
    // The same field rules as a submitted record (shared/src/contracts/recordContent.ts).
    const checked = recordFieldProblems(k, v as string | string[], today);
    const [first] = checked.problems;
    if (first) throw badUserInput(field, first.message, { rule: first.code });
    changes[k] = checked.value;
  }
  const keys = Object.keys(changes);
  if (input.action === ObjectionCorrectionAction.CORRECT && !keys.length)
    throw badUserInput(`${base}.changes`, 'a CORRECT correction must change at least one field');
  if (input.action !== ObjectionCorrectionAction.CORRECT && keys.length) {
    throw badUserInput(
      `${base}.changes`,
      `a ${input.action} correction changes no fields (its reason says why${input.action === ObjectionCorrectionAction.REPAIR ? ' and is the repair basis' : ''})`,
    );
  }
  return { action: input.action, reason, changes: keys.length ? changes : null };
}
