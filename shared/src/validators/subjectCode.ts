import { checkCreditCode, type CodeCheck } from './creditCode';
import { checkResidentId } from './residentId';

export type CodeKind = 'CREDIT_CODE' | 'RESIDENT_ID';

export interface SubjectCodeCheck extends CodeCheck {
  normalized: string;
}

/**
 * A subject key is a unified social credit code or, for a natural person, a resident ID.
 * When the kind is known only its rule applies. Without it (a lookup by key) either rule may
 * accept the code; a credit-code check can pass by chance for 1 ID in 31, so callers that
 * create subjects must pass the kind.
 */
export function checkSubjectCode(raw: string, kind?: CodeKind): SubjectCodeCheck {
  const code = raw.trim().toUpperCase();
  if (kind === 'RESIDENT_ID') return { ...checkResidentId(code), normalized: code };
  const credit = checkCreditCode(code);
  if (kind === 'CREDIT_CODE' || credit.valid) return { ...credit, normalized: code };
  if (/^\d{17}[\dX]$/.test(code)) return { ...checkResidentId(code), normalized: code };
  return { ...credit, normalized: code };
}
