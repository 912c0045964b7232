import { failureDelayMs } from './verificationGuard';

describe('slow-down of wrong verification codes', () => {
  const cfg = { failuresBeforeLock: 5, lockSeconds: 900, failureDelayMs: 200 };

  it('answers the first wrong code at once and each later one later, up to the lock threshold', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => failureDelayMs(cfg, n))).toEqual([0, 200, 400, 600, 800, 1000, 1000]);
  });

  it('never slows down when configured off', () => {
    expect(failureDelayMs({ ...cfg, failureDelayMs: 0 }, 4)).toBe(0);
  });
});
