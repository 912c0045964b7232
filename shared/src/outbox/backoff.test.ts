import { backoffMs } from './backoff';

describe('outbox back-off', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };
  it('doubles per attempt between half and all of the step', () => {
    expect(backoffMs(1, () => 0, policy)).toBe(500);
    expect(backoffMs(1, () => 1, policy)).toBe(1000);
    expect(backoffMs(2, () => 0, policy)).toBe(1000);
    expect(backoffMs(4, () => 1, policy)).toBe(8000);
    expect(backoffMs(4, () => 0.5, policy)).toBe(6000);
  });
  it('is capped however many attempts failed', () => {
    expect(backoffMs(7, () => 1, policy)).toBe(60_000);
    expect(backoffMs(500, () => 1, policy)).toBe(60_000);
    expect(backoffMs(500, () => 0, policy)).toBe(30_000);
  });
});
