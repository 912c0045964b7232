import { badUserInput, COVERAGE_START, isIsoDate } from '@credit/shared';
import { checkedText } from '../case/caseText';
import type { FileFeedbackInput } from './feedback.inputs';
import { FeedbackKind } from './feedbackStatus';

export const UNIT_CODE = /^[A-Za-z0-9-]{2,32}$/;
const MATTER_CODE = /^[A-Za-z0-9._-]{1,40}$/;
const REGION_CODE = /^\d{6}$/;

/** The 应替未替 particulars of a filing, checked; all null for the other kinds. */
export interface DemandParticulars {
  officeName: string | null;
  officeUnitCode: string | null;
  matter: string | null;
  matterCode: string | null;
  demandedOn: string | null;
}

/**
 * Checks what a 应替未替 complaint must say (the office, the matter or its catalogue code, the day, not in the future) and
 * that the other kinds do not carry those fields. Errors name the field, e.g. `input.demandedOn`.
 */
export function checkedParticulars(input: FileFeedbackInput, today: string): DemandParticulars {
  if (input.kind !== FeedbackKind.CERTIFICATE_STILL_DEMANDED) {
    for (const field of ['office', 'matter', 'matterCode', 'demandedOn'] as const) {
      if (input[field] != null)
        throw badUserInput(
          `input.${field}`,
          `only a CERTIFICATE_STILL_DEMANDED complaint names it, not a ${input.kind}`,
        );
    }
    return { officeName: null, officeUnitCode: null, matter: null, matterCode: null, demandedOn: null };
  }
  if (!input.office) throw badUserInput('input.office', 'is required: the office that demanded the certificate');
  const officeName = checkedText('input.office.name', input.office.name, true, 200)!;
  const officeUnitCode = input.office.supervisingUnitCode?.trim() || null;
  if (officeUnitCode && !UNIT_CODE.test(officeUnitCode))
    throw badUserInput('input.office.supervisingUnitCode', 'must be a source unit code such as GZ-D07');
  const matterCode = input.matterCode?.trim() || null;
  if (matterCode && !MATTER_CODE.test(matterCode))
    throw badUserInput('input.matterCode', 'must be a code of the substitution catalogue (letters, digits, . _ -)');
  // With a catalogue code the catalogue names the matter (FeedbackDesk.file fills it in).
  const matter = checkedText('input.matter', input.matter, !matterCode, 200);
  const demandedOn = input.demandedOn?.trim() ?? '';
  if (!demandedOn) throw badUserInput('input.demandedOn', 'is required: the day the certificate was demanded');
  if (!isIsoDate(demandedOn)) throw badUserInput('input.demandedOn', 'must be a date YYYY-MM-DD');
  if (demandedOn > today) throw badUserInput('input.demandedOn', `must not be after today (${today})`);
  // Reports (and so substitution) exist for records from 2020 on: nothing earlier was a failure to substitute.
  if (demandedOn < COVERAGE_START) throw badUserInput('input.demandedOn', `must not be before ${COVERAGE_START}`);
  return { officeName, officeUnitCode, matter, matterCode, demandedOn };
}

export function checkedRegion(value: string | null | undefined): string | null {
  const region = value?.trim() || null;
  if (region && !REGION_CODE.test(region)) throw badUserInput('input.regionCode', 'must be a 6-digit region code');
  return region;
}
