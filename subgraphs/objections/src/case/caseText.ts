import { badUserInput, hasControlCharacters } from '@credit/shared';

const MAX_TEXT = 2000;

/** A free text of an act (reason, note, explanation): trimmed, bounded, no control characters; null when empty. */
export function checkedText(
  field: string,
  value: string | null | undefined,
  required: boolean,
  max = MAX_TEXT,
): string | null {
  const v = value?.trim() ?? '';
  if (!v) {
    if (required) throw badUserInput(field, 'is required');
    return null;
  }
  if (Array.from(v).length > max) throw badUserInput(field, `must be at most ${max} characters`);
  if (hasControlCharacters(v, { multiline: true })) throw badUserInput(field, 'must not contain control characters');
  return v;
}
