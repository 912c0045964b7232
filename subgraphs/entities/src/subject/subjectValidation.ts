import { chinaDate, checkSubjectCode, hasControlCharacters, isIsoDate } from '@credit/shared';
import { findRegion } from '../region/regionCatalogue';
import type { RowProblem, SubjectInput } from './subject.inputs';
import { SubjectKind, SubjectStatus } from './subject.type';

export interface NormalizedSubject {
  creditCode: string;
  kind: SubjectKind;
  name: string;
  legalRepresentative: string | null;
  regionCode: string;
  registrationAuthority: string | null;
  establishedOn: string | null;
  status: SubjectStatus;
}

function text(
  problems: RowProblem[],
  field: string,
  value: string | null | undefined,
  max: number,
  required: boolean,
): string | null {
  const v = value?.trim() ?? '';
  if (!v) {
    if (required) problems.push({ field, message: 'is required' });
    return null;
  }
  if (Array.from(v).length > max) problems.push({ field, message: `must be at most ${max} characters` });
  if (hasControlCharacters(v)) problems.push({ field, message: 'must not contain control characters' });
  return v;
}

/** Checks one input row; returns the normalised subject or every problem found. */
export function validateSubjectInput(
  input: SubjectInput,
  today = new Date(),
): { subject?: NormalizedSubject; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const code = checkSubjectCode(
    input.creditCode ?? '',
    input.kind === SubjectKind.NATURAL_PERSON ? 'RESIDENT_ID' : 'CREDIT_CODE',
  );
  if (!code.valid) {
    const rule = input.kind === SubjectKind.NATURAL_PERSON ? 'resident ID (GB 11643)' : 'credit code (GB 32100)';
    problems.push({ field: 'creditCode', message: `invalid ${rule}: ${code.message}` });
  }
  const name = text(problems, 'name', input.name, 200, true);
  const legalRepresentative = text(problems, 'legalRepresentative', input.legalRepresentative, 100, false);
  const registrationAuthority = text(problems, 'registrationAuthority', input.registrationAuthority, 200, false);
  if (!findRegion(input.regionCode ?? ''))
    problems.push({ field: 'regionCode', message: `unknown region "${input.regionCode}"` });
  let establishedOn: string | null = null;
  if (input.establishedOn) {
    if (!isIsoDate(input.establishedOn))
      problems.push({ field: 'establishedOn', message: 'must be a real date YYYY-MM-DD' });
    else if (input.establishedOn > chinaDate(today))
      problems.push({ field: 'establishedOn', message: 'must not be in the future' });
    else establishedOn = input.establishedOn;
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    subject: {
      creditCode: code.normalized,
      kind: input.kind,
      name: name!,
      legalRepresentative,
      regionCode: input.regionCode,
      registrationAuthority,
      establishedOn,
      status: input.status ?? SubjectStatus.ACTIVE,
    },
  };
}
