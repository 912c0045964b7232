import { chinaDate, hasControlCharacters, isIsoDate, resolveSubjectKind } from '@credit/shared';
import { findRegion } from '../region/regionCatalogue';
import { SubjectRowReason, type RowProblem, type SubjectInput } from './subject.inputs';
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
    if (required) problems.push({ field, code: SubjectRowReason.MISSING_FIELD, message: 'is required' });
    return null;
  }
  if (Array.from(v).length > max)
    problems.push({ field, code: SubjectRowReason.INVALID_VALUE, message: `must be at most ${max} characters` });
  if (hasControlCharacters(v))
    problems.push({ field, code: SubjectRowReason.INVALID_VALUE, message: 'must not contain control characters' });
  return v;
}

/** Checks one input row; returns the normalised subject or every problem found. */
export function validateSubjectInput(
  input: SubjectInput,
  today = new Date(),
): { subject?: NormalizedSubject; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const code = resolveSubjectKind(input.creditCode ?? '', input.kind);
  if (code.problem) {
    const { field, reason, message, expected } = code.problem;
    problems.push({ field, code: SubjectRowReason[reason], message, expected: expected as SubjectKind | undefined });
  }
  const name = text(problems, 'name', input.name, 200, true);
  const legalRepresentative = text(problems, 'legalRepresentative', input.legalRepresentative, 100, false);
  const registrationAuthority = text(problems, 'registrationAuthority', input.registrationAuthority, 200, false);
  if (!findRegion(input.regionCode ?? ''))
    problems.push({
      field: 'regionCode',
      code: SubjectRowReason.UNKNOWN_REGION,
      message: `unknown region "${input.regionCode}"`,
    });
  let establishedOn: string | null = null;
  if (input.establishedOn) {
    if (!isIsoDate(input.establishedOn))
      problems.push({
        field: 'establishedOn',
        code: SubjectRowReason.INVALID_DATE,
        message: 'must be a real date YYYY-MM-DD',
      });
    else if (input.establishedOn > chinaDate(today))
      problems.push({
        field: 'establishedOn',
        code: SubjectRowReason.INVALID_DATE,
        message: 'must not be in the future',
      });
    else establishedOn = input.establishedOn;
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    subject: {
      creditCode: code.normalized,
      kind: code.kind as SubjectKind,
      name: name!,
      legalRepresentative,
      regionCode: input.regionCode,
      registrationAuthority,
      establishedOn,
      status: input.status ?? SubjectStatus.ACTIVE,
    },
  };
}
