import { parseUntil } from '../src/authorization/authorization.service';

describe('authorisation end dates', () => {
  const now = new Date('2026-11-26T02:00:00Z');

  it('reads a calendar day as the end of that day in China', () => {
    expect(parseUntil('2026-12-01', now).toISOString()).toBe('2026-12-01T15:59:59.999Z');
    expect(parseUntil('2026-12-01T08:00:00Z', now).toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });

  it('refuses a day that does not exist, and the past', () => {
    const field = (v: string) => {
      try {
        parseUntil(v, now);
      } catch (e) {
        return (e as { extensions?: { field?: string } }).extensions?.field;
      }
      return undefined;
    };
    expect(field('2027-02-30')).toBe('until');
    expect(field('2026-11-25')).toBe('until');
  });
});
