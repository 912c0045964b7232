import { ErrorCode } from '../errors';
import { parseQuarter, quarterOf } from './quarter';

const fieldOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as { extensions: { code: string; field: string } }).extensions;
  }
  throw new Error('expected an error');
};

describe('quarters', () => {
  it('names the first and last day, clamping a quarter in progress to today', () => {
    expect(parseQuarter('2026Q3', '2026-11-30')).toEqual({
      label: '2026Q3',
      year: 2026,
      index: 3,
      from: '2026-07-01',
      to: '2026-09-30',
    });
    expect(parseQuarter('2026q4', '2026-11-30')).toMatchObject({ from: '2026-10-01', to: '2026-11-30' });
    expect(parseQuarter('2024Q1', '2026-11-30').to).toBe('2024-03-31');
    expect(quarterOf('2026-09-30')).toBe('2026Q3');
    expect(quarterOf('2026-10-01')).toBe('2026Q4');
  });

  it('refuses malformed, future and pre-2020 quarters, naming the field', () => {
    for (const bad of ['2026Q5', '2026-Q3', 'Q3', '', '2027Q1', '2019Q4'])
      expect(fieldOf(() => parseQuarter(bad, '2026-11-30', 'input.quarter'))).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        field: 'input.quarter',
      });
  });
});
