import { canonicalJson } from '../src/integrity/canonical';
import { splitSnapshot } from '../src/report/snapshotPart.entity';

describe('canonical serialisation', () => {
  it('sorts keys at every level, keeps array order and drops undefined members', () => {
    const a = { b: 1, a: { z: [3, 1, { y: null, x: '文' }], y: true }, u: undefined };
    const b = { a: { y: true, z: [3, 1, { x: '文', y: null }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"y":true,"z":[3,1,{"x":"文","y":null}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('is stable through a JSON round trip (what verification recomputes from the stored text)', () => {
    const value = {
      number: 'GZ1',
      domains: [{ code: 'D07', records: [{ facts: '“引号”\n换行\\', fineAmount: '5000.00' }] }],
      n: 1.5,
    };
    const text = canonicalJson(value);
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('snapshot parts', () => {
  it('splits long text into parts that join back exactly, never inside a surrogate pair', () => {
    const text = '𠀀'.repeat(5) + 'a' + '信用'.repeat(10);
    for (const size of [2, 3, 7, 1000]) {
      const parts = splitSnapshot(text, size);
      expect(parts.join('')).toBe(text);
      for (const p of parts) expect(Buffer.from(p, 'utf8').toString('utf8')).toBe(p);
    }
    expect(splitSnapshot('')).toEqual(['']);
  });
});
