import { LAG_BUCKET_DAYS } from './unitTally.entity';

/** Lag in whole days (or bucket) -> records. */
export type Histogram = Map<number, number>;

/** One unit's timeliness over a period: the lag figures of the records it first submitted then. */
export interface LagFigures {
  newRecords: number;
  lagMedianDays: number | null;
  lagP90Days: number | null;
  lateRows: number;
}

export const lagBucket = (lagDays: number) => Math.floor(lagDays / LAG_BUCKET_DAYS);

export const addTo = (h: Histogram, key: number, n: number) => h.set(key, (h.get(key) ?? 0) + n);

const total = (h: Histogram) => [...h.values()].reduce((a, b) => a + b, 0);
const ascending = (h: Histogram) => [...h].sort((a, b) => a[0] - b[0]);
/** Nearest rank of the p-th quantile among n values. */
const rankOf = (p: number, n: number) => Math.max(1, Math.ceil(p * n));

/** Nearest-rank percentile over a whole histogram of lags. */
export function percentile(lags: Histogram, p: number): number | null {
  const n = total(lags);
  if (n === 0) return null;
  const rank = rankOf(p, n);
  let seen = 0;
  for (const [lag, records] of ascending(lags)) if ((seen += records) >= rank) return lag;
  return null;
}

/** The figures from every lag of the period (the direct computation from the records). */
export function figuresOfLags(lags: Histogram, lateThresholdDays: number): LagFigures {
  let late = 0;
  for (const [lag, n] of lags) if (lag > lateThresholdDays) late += n;
  return {
    newRecords: total(lags),
    lagMedianDays: percentile(lags, 0.5),
    lagP90Days: percentile(lags, 0.9),
    lateRows: late,
  };
}

/** The bucket holding the p-th quantile, and how many records lie in the buckets below it. */
function bucketOf(sorted: [number, number][], p: number): { bucket: number; below: number; rank: number } | null {
  const n = sorted.reduce((a, [, records]) => a + records, 0);
  if (n === 0) return null;
  const rank = rankOf(p, n);
  let below = 0;
  for (const [bucket, records] of sorted) {
    if (below + records >= rank) return { bucket, below, rank };
    below += records;
  }
  return null;
}

/**
 * The buckets whose single lags the figures need: those of the median, of the 90th percentile and
 * of the late threshold. Every other bucket counts only by its total.
 */
export function bucketsToRead(buckets: Histogram, lateThresholdDays: number): number[] {
  const need = new Set<number>();
  const sorted = ascending(buckets);
  for (const p of [0.5, 0.9]) {
    const b = bucketOf(sorted, p);
    if (b) need.add(b.bucket);
  }
  if (buckets.get(lagBucket(lateThresholdDays))) need.add(lagBucket(lateThresholdDays));
  return [...need].sort((a, b) => a - b);
}

/**
 * The figures from the period's bucket totals and the single lags of the buckets `bucketsToRead`
 * named: the same numbers as `figuresOfLags` over every lag (the equality tests compare them).
 */
export function figuresOfBuckets(buckets: Histogram, lagsOfNamed: Histogram, lateThresholdDays: number): LagFigures {
  const sortedBuckets = ascending(buckets);
  const sortedLags = ascending(lagsOfNamed);
  const within = (p: number): number | null => {
    const b = bucketOf(sortedBuckets, p);
    if (!b) return null;
    let seen = b.below;
    for (const [lag, n] of sortedLags) if (lagBucket(lag) === b.bucket && (seen += n) >= b.rank) return lag;
    throw new Error(`lag bucket ${b.bucket} disagrees with its lags`);
  };
  const thresholdBucket = lagBucket(lateThresholdDays);
  let late = 0;
  for (const [bucket, n] of buckets) if (bucket > thresholdBucket) late += n;
  for (const [lag, n] of lagsOfNamed) if (lagBucket(lag) === thresholdBucket && lag > lateThresholdDays) late += n;
  return { newRecords: total(buckets), lagMedianDays: within(0.5), lagP90Days: within(0.9), lateRows: late };
}
