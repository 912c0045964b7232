import { assertMayActForSubject, canSeePersonalData, maskPersonName, type Principal } from '@credit/shared';
import type { SubjectEntity } from './subject.entity';
import { Subject, SubjectKind, SubjectStatus } from './subject.type';

/** Who may read one subject's detail: the shared "may act for this subject" rule (subject:read). */
export function assertMayReadSubject(p: Principal | undefined, creditCode: string): asserts p is Principal {
  assertMayActForSubject(p, { action: 'subject:read', creditCode });
}

/** Builds the GraphQL view of a subject, masking personal data for callers who do not own it. */
export function toSubjectView(e: SubjectEntity, p: Principal | undefined): Subject {
  const masked = !canSeePersonalData(p, e.creditCode);
  const person = e.kind === SubjectKind.NATURAL_PERSON;
  return Object.assign(new Subject(), {
    creditCode: e.creditCode,
    kind: e.kind as SubjectKind,
    name: masked && person ? maskPersonName(e.name) : e.name,
    legalRepresentative:
      e.legalRepresentative && masked ? maskPersonName(e.legalRepresentative) : e.legalRepresentative,
    regionCode: e.regionCode,
    registrationAuthority: e.registrationAuthority,
    establishedOn: e.establishedOn,
    status: e.status as SubjectStatus,
    masked,
  });
}
