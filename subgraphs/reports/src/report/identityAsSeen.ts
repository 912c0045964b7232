import { maskIdNumber, maskPersonName } from '@credit/shared';
import type { ReportAccess } from './report.type';
import { seesDetails } from './reportAccess';

/** Who a report is about, as printed on it (the snapshot keeps no address, only the region code). */
export interface SubjectIdentity {
  kind: string;
  name: string;
  creditCode: string;
}

/**
 * The one masking rule of every door to a report (GraphQL report and verifyReport, /verify, the PDF):
 * a natural person's name and ID number are masked (王*燕, 5201**********1234) for a reader who may
 * not read the report, such as a mere code holder; its owner, officials and authorised partners see them.
 */
export function identityAsSeen<T extends SubjectIdentity>(subject: T, access: ReportAccess | null): T {
  if (subject.kind !== 'NATURAL_PERSON' || (access !== null && seesDetails(access))) return subject;
  return { ...subject, name: maskPersonName(subject.name), creditCode: maskIdNumber(subject.creditCode) };
}
