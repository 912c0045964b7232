import { chinaDate } from '@credit/shared';
import { VerificationWarning, VerificationWarningCode } from './verification.type';

/** A standing breach of one of the subject's credit commitments, as entities reports it. */
export interface CommitmentBreachNotice {
  breachedAt: string;
  reason: string;
}

/** Where verification learns of breaches (entities, through the internal client). */
export type BreachSource = (creditCode: string, requestId?: string) => Promise<CommitmentBreachNotice[]>;

/**
 * A subject that made a false commitment may not use the report in place of certificates (plan):
 * a breach marked after issuance cannot be in the signed document, so verification says it beside it.
 */
export function breachWarnings(issuedAt: string, breaches: CommitmentBreachNotice[]): VerificationWarning[] {
  return breaches
    .filter((b) => b.breachedAt > issuedAt)
    .map((b) => {
      const date = chinaDate(new Date(b.breachedAt));
      return Object.assign(new VerificationWarning(), {
        code: VerificationWarningCode.COMMITMENT_BREACHED_AFTER_ISSUANCE,
        date,
        reason: b.reason,
        message: `${date} 该信用主体的信用承诺被认定为虚假承诺（${b.reason}）：报告真实，但不得用于替代证明。`,
      });
    });
}

/** The document is still checked when entities cannot answer; the report user is told what was not. */
export function unavailableWarning(today: string): VerificationWarning {
  return Object.assign(new VerificationWarning(), {
    code: VerificationWarningCode.COMMITMENT_STATUS_UNAVAILABLE,
    date: today,
    reason: 'commitment status could not be read',
    message: '暂时无法核实该信用主体的信用承诺状态，请稍后再次核验。',
  });
}
