import { newUlid } from './ulid';

describe('newUlid', () => {
  it('is 26 Crockford base32 characters, sorts by time and does not repeat', () => {
    const a = newUlid(1_700_000_000_000);
    const b = newUlid(1_700_000_000_001);
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a < b).toBe(true);
    const many = new Set(Array.from({ length: 10_000 }, () => newUlid(1_700_000_000_000)));
    expect(many.size).toBe(10_000);
  });
});
