import { monthsBetween, nextMonth } from '../src/aggregates/tallyPeriod';

describe('tally months', () => {
  it('steps to the next month across a year end', () => {
    expect(nextMonth('2024-01')).toBe('2024-02');
    expect(nextMonth('2024-09')).toBe('2024-10');
    expect(nextMonth('2024-12')).toBe('2025-01');
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });
});
