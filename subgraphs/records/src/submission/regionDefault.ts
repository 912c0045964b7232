import { checkSubjectCode } from '@credit/shared';

const GUIZHOU = /^52\d{4}$/;

/**
 * The region a record without one gets: the submitting unit's registered region; for a provincial
 * unit (520000), the registration region written into the subject's code (credit code characters
 * 3–8, a resident ID's first six digits) when that is in Guizhou.
 */
export function defaultRegion(unitRegion: string, subjectCode: string | null | undefined): string {
  if (unitRegion !== '520000') return unitRegion;
  const code = subjectCode?.trim().toUpperCase() ?? '';
  const fromCode = checkSubjectCode(code, 'RESIDENT_ID').valid ? code.slice(0, 6) : code.slice(2, 8);
  return GUIZHOU.test(fromCode) ? fromCode : unitRegion;
}
