import {
  addTo,
  bucketsToRead,
  figuresOfBuckets,
  figuresOfLags,
  lagBucket,
  type Histogram,
} from '../src/aggregates/lagFigures';

/** A deterministic pseudo-random histogram: `n` draws of lags shaped like a unit's submissions. */
function histogram(seed: number, n: number, spread: number): Histogram {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const h: Histogram = new Map();
  for (let i = 0; i < n; i++) addTo(h, Math.floor(next() ** 2 * spread), 1 + Math.floor(next() * 3));
  return h;
}

/** What the tallies give the two-level computation: bucket totals, and the lags of the buckets it names. */
function fromTallies(lags: Histogram, late: number) {
  const buckets: Histogram = new Map();
  for (const [lag, n] of lags) addTo(buckets, lagBucket(lag), n);
  const named = new Set(bucketsToRead(buckets, late));
  const read = new Map([...lags].filter(([lag]) => named.has(lagBucket(lag))));
  return { figures: figuresOfBuckets(buckets, read, late), named: named.size, buckets: buckets.size };
}

describe('lag figures from bucket totals and a few buckets of single lags', () => {
  it('equal the figures over every single lag, for any shape and late threshold', () => {
    for (const [seed, n, spread] of [
      [1, 1, 1],
      [2, 5, 3],
      [3, 200, 40],
      [4, 3000, 2500],
      [5, 50, 10000],
      [6, 1000, 61],
    ])
      for (const late of [0, 3, 29, 30, 31, 59, 60, 400, 100000]) {
        const lags = histogram(seed, n, spread);
        expect({ seed, late, ...fromTallies(lags, late).figures }).toEqual({
          seed,
          late,
          ...figuresOfLags(lags, late),
        });
      }
  });

  it('read the single lags of at most three buckets, whatever the number of distinct lags', () => {
    const lags = histogram(7, 20000, 2500);
    const { named, buckets } = fromTallies(lags, 30);
    expect(lags.size).toBeGreaterThan(2000);
    expect(buckets).toBeGreaterThan(50);
    expect(named).toBeLessThanOrEqual(3);
  });

  it('have no percentiles without new records, and count lags above the threshold only', () => {
    expect(fromTallies(new Map(), 5).figures).toEqual({
      newRecords: 0,
      lagMedianDays: null,
      lagP90Days: null,
      lateRows: 0,
    });
    const lags: Histogram = new Map([
      [0, 5],
      [5, 1],
      [6, 2],
      [45, 2],
    ]);
    expect(fromTallies(lags, 5).figures).toEqual({ newRecords: 10, lagMedianDays: 0, lagP90Days: 45, lateRows: 4 });
  });
});
