import { badUserInput } from '@credit/shared';
import { isIsoDate } from '../calendar/workingDays';
import type { StoredCorrection } from './objection.entity';
import type { ObjectionCorrectionInput } from './objection.inputs';
import { ObjectionCorrectionAction } from './objection.type';

const DATES = new Set(['decisionDate', 'effectiveUntil', 'publicityDeadline']);
const AMOUNTS = new Set(['fineAmount', 'confiscatedAmount']);
const PAST_ONLY = new Set(['decisionDate']);
const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;
const CHOICES: Record<string, string[]> = {
  category: ['ADMINISTRATIVE_PENALTY', 'ADMINISTRATIVE_COERCION', 'SERIOUS_DISHONESTY_LIST', 'CRIMINAL_JUDGMENT'],
  licenceAction: ['SUSPENDED', 'REVOKED'],
};
const PATTERNS: Record<string, [RegExp, string]> = {
  domainCode: [/^D\d{2}$/, 'must be a domain code such as D07'],
  regionCode: [/^\d{6}$/, 'must be a 6-digit region code'],
};

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
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input.changes ?? {})) {
    const field = `${base}.changes.${k}`;
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') {
      changes[k] = v;
    } else if (typeof v === 'string') {
      const t = v.trim();
      if (!t) throw badUserInput(field, 'must not be empty (omit the field to leave it unchanged)');
      if (Array.from(t).length > 2000) throw badUserInput(field, 'must be at most 2,000 characters');
      if (DATES.has(k) && !isIsoDate(t)) throw badUserInput(field, 'must be a real date YYYY-MM-DD');
      if (PAST_ONLY.has(k) && t > today) throw badUserInput(field, 'must not be in the future');
      if (AMOUNTS.has(k) && !AMOUNT.test(t)) throw badUserInput(field, 'must be an amount in yuan such as 2000.00');
      if (CHOICES[k] && !CHOICES[k].includes(t)) throw badUserInput(field, `must be one of ${CHOICES[k].join(', ')}`);
      if (PATTERNS[k] && !PATTERNS[k][0].test(t)) throw badUserInput(field, PATTERNS[k][1]);
      changes[k] = t;
    } else if (Array.isArray(v)) {
      const items = v.map((x) => String(x).trim()).filter(Boolean);
      if (!items.length) throw badUserInput(field, 'must list at least one value');
      changes[k] = items;
    }
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
