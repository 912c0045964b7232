import { assessmentScore, rank } from './assessmentScore';

const base = { timeliness: null, conformance: null, silent: false, certificateStillDemanded: 0, overdue: 0 };

describe('assessment score and rank', () => {
  it('averages timeliness and conformance and subtracts the penalties, never below 0', () => {
    expect(assessmentScore({ ...base, timeliness: 0.9, conformance: 0.8 })).toBe(85);
    expect(
      assessmentScore({ ...base, timeliness: 0.9, conformance: 0.8, certificateStillDemanded: 2, overdue: 1 }),
    ).toBe(73);
    expect(assessmentScore({ ...base, conformance: 1 })).toBe(100);
    expect(assessmentScore({ ...base, silent: true })).toBe(0);
    expect(assessmentScore({ ...base, certificateStillDemanded: 30 })).toBe(0);
    expect(assessmentScore(base)).toBeNull();
  });

  it('ranks highest first, ties share a rank, unscored rows last without one', () => {
    const rows = [
      { code: 'A', score: 80, rank: null },
      { code: 'B', score: null, rank: null },
      { code: 'C', score: 95, rank: null },
      { code: 'D', score: 80, rank: null },
    ];
    expect(rank(rows, (r) => r.code).map((r) => [r.code, r.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['D', 2],
      ['B', null],
    ]);
  });
});
