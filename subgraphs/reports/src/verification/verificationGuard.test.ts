import { Role } from '@credit/shared';
import { attackWindow, failureDelayMs, verificationClient } from './verificationGuard';

const cfg = { failuresBeforeLock: 5, lockSeconds: 900, failureDelayMs: 200, attackClients: 5 };

describe('slow-down of wrong verification codes', () => {
  it('answers the first wrong code at once and each later one later, up to the lock threshold', () => {
    expect([1, 2, 3, 4, 5, 6, 50].map((n) => failureDelayMs(cfg, n))).toEqual([0, 200, 400, 600, 800, 1000, 1000]);
  });

  it('never slows down when configured off', () => {
    expect(failureDelayMs({ ...cfg, failureDelayMs: 0 }, 4)).toBe(0);
  });
});

describe('who is guessing', () => {
  it('is the address for anonymous callers and people, the partner id for a partner whatever its address', () => {
    expect(verificationClient({ clientIp: '203.0.113.7' })).toBe('ip:203.0.113.7');
    const subject = { role: Role.SUBJECT, creditCode: '91520100MA6DKQ4X2R', sub: 's' } as never;
    expect(verificationClient({ principal: subject, clientIp: '203.0.113.7' })).toBe('ip:203.0.113.7');
    const partner = { role: Role.PARTNER, partnerId: 'bid-center', province: '440000', sub: 'p' } as never;
    expect(verificationClient({ principal: partner, clientIp: '203.0.113.7' })).toBe('partner:440000/bid-center');
    expect(verificationClient({ principal: partner, clientIp: '198.51.100.1' })).toBe('partner:440000/bid-center');
  });

  it('keeps callers whose address is unknown together rather than giving each a fresh count', () => {
    expect(verificationClient({})).toBe(verificationClient({ clientIp: '' }));
  });
});

describe('attack windows', () => {
  it('are fixed spans of the lock duration: one alarm per number and span', () => {
    const start = 900_000 * 1_000_000;
    expect(attackWindow(cfg, start)).toBe(attackWindow(cfg, start + 899_999));
    expect(attackWindow(cfg, start + 900_000)).toBe(attackWindow(cfg, start) + 1);
  });
});
