import { badUserInput, hasControlCharacters, isIsoDate } from '@credit/shared';

export const FIRST_CALENDAR_YEAR = 2000;
export const LAST_CALENDAR_YEAR = 2100;

export interface CheckedCalendarYear {
  year: number;
  holidays: string[];
  makeupWorkdays: string[];
  notice: string;
}

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * A year's arrangement as the State Council publishes it: real dates of that year, no day both
 * off and worked, make-up working days only on weekends (a weekday is a working day anyway), and
 * at least one holiday (every year has New Year's Day). Lists come back sorted without repeats.
 */
export function checkCalendarYear(
  year: number,
  holidays: readonly string[],
  makeupWorkdays: readonly string[],
  notice: string,
): CheckedCalendarYear {
  if (!Number.isInteger(year) || year < FIRST_CALENDAR_YEAR || year > LAST_CALENDAR_YEAR)
    throw badUserInput('year', `must be a year from ${FIRST_CALENDAR_YEAR} to ${LAST_CALENDAR_YEAR}`);
  const days = (field: string, raw: readonly string[]) => {
    const list = [...new Set((raw ?? []).map((d) => d.trim()))].sort();
    const bad = list.filter((d) => !isIsoDate(d) || !d.startsWith(`${year}-`));
    if (bad.length) throw badUserInput(field, `must be dates (YYYY-MM-DD) in ${year}: ${bad.join(', ')}`, { bad });
    return list;
  };
  const h = days('holidays', holidays);
  const m = days('makeupWorkdays', makeupWorkdays);
  if (!h.length) throw badUserInput('holidays', `must list the public holidays of ${year}`);
  const both = m.filter((d) => h.includes(d));
  if (both.length)
    throw badUserInput('makeupWorkdays', `cannot be holidays as well: ${both.join(', ')}`, { overlap: both });
  const weekdays = m.filter((d) => !isWeekend(d));
  if (weekdays.length)
    throw badUserInput(
      'makeupWorkdays',
      `must be Saturdays or Sundays (weekdays are worked anyway): ${weekdays.join(', ')}`,
      {
        weekdays,
      },
    );
  const n = notice?.trim() ?? '';
  if (!n || Array.from(n).length > 100) throw badUserInput('notice', 'must name the notice, 1 to 100 characters');
  if (hasControlCharacters(n)) throw badUserInput('notice', 'must not contain control characters');
  return { year, holidays: h, makeupWorkdays: m, notice: n };
}
