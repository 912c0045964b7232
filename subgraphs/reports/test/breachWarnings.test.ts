import { breachWarnings } from '../src/verification/breachWarnings';

describe('breach warnings on verification', () => {
  const issuedAt = '2026-11-20T02:00:00.000Z';

  it('warns of a commitment marked false after issuance, dated in the China calendar', () => {
    const [w, ...rest] = breachWarnings(issuedAt, [
      { breachedAt: '2026-11-25T17:30:00.000Z', reason: '承诺无违法记录，经查有行政处罚' },
    ]);
    expect(rest).toEqual([]);
    expect(w).toMatchObject({ code: 'COMMITMENT_BREACHED_AFTER_ISSUANCE', date: '2026-11-26' });
    expect(w.message).toContain('承诺无违法记录，经查有行政处罚');
    expect(w.message).toContain('不得用于替代证明');
  });

  it('says nothing of a breach the report already knew at issuance', () => {
    expect(breachWarnings(issuedAt, [{ breachedAt: '2026-11-19T00:00:00.000Z', reason: '旧的' }])).toEqual([]);
  });
});
