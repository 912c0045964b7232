import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One source unit's submission log per Guizhou day (the day of `submittedAt`): the batch counters
 * quality monitoring adds up. Kept in the transaction that writes the batch.
 */
@Entity('unit_day_tally')
export class UnitDayTallyEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @Column({ type: 'int' })
  batches: number;

  @Column({ type: 'int' })
  rowsSubmitted: number;

  @Column({ type: 'int' })
  created: number;

  @Column({ type: 'int' })
  updated: number;

  @Column({ type: 'int' })
  unchanged: number;

  @Column({ type: 'int' })
  excluded: number;

  @Column({ type: 'int' })
  rejected: number;
}

/** Rejected rows per unit, day and reason code (a row may count under several). */
@Entity('unit_day_rejection')
export class UnitDayRejectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  reason: string;

  @Column({ type: 'int' })
  rejectedRows: number;
}

/** Lags in whole days are counted per bucket of LAG_BUCKET_DAYS, buckets per span of LAG_BUCKET_DAYS buckets. */
export const LAG_BUCKET_DAYS = 30;
/** The counter columns of a lag row: `l0`… of the lags of a bucket, `b0`… of the buckets of a span. */
export const lagColumn = (i: number) => `l${i}`;
export const bucketColumn = (i: number) => `b${i}`;

/**
 * Adds LAG_BUCKET_DAYS int counters to a tally entity. Positional columns rather than a row per
 * lag: a unit that loads its history in one day has ~2,500 distinct lags, and the median, the
 * 90th percentile and the late rows then read three rows of it instead of 2,500; the counters stay
 * additive, so the upsert of every tally applies (no read-modify-write of a JSON histogram).
 */
function counters(target: object, name: (i: number) => string) {
  for (let i = 0; i < LAG_BUCKET_DAYS; i++) Column({ type: 'int', default: 0 })(target, name(i));
}

/**
 * New records per unit, bucket of lags and Guizhou day of first submission: `l<i>` counts the
 * records `bucket * LAG_BUCKET_DAYS + i` days late (decision to submission).
 * Keyed by unit and bucket first: a percentile reads one bucket of one unit over the period.
 */
@Entity('unit_lag_day')
export class UnitDayLagEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  /** floor(lagDays / LAG_BUCKET_DAYS) */
  @PrimaryColumn({ type: 'int' })
  bucket: number;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  [lag: `l${number}`]: number;
}
counters(UnitDayLagEntity.prototype, lagColumn);

/** The same per Guizhou month of submission: whole months of a period are read from here. */
@Entity('unit_lag_month')
export class UnitMonthLagEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  bucket: number;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  [lag: `l${number}`]: number;
}
counters(UnitMonthLagEntity.prototype, lagColumn);

/**
 * The bucket totals per day, unit and span of LAG_BUCKET_DAYS buckets (900 days): `b<i>` counts
 * bucket `span * LAG_BUCKET_DAYS + i`. Every unit's buckets of a day are a few rows.
 */
@Entity('unit_lag_span_day')
export class UnitDayLagSpanEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  /** floor(bucket / LAG_BUCKET_DAYS) */
  @PrimaryColumn({ type: 'int' })
  span: number;

  [bucket: `b${number}`]: number;
}
counters(UnitDayLagSpanEntity.prototype, bucketColumn);

/** The bucket totals per Guizhou month of submission. */
@Entity('unit_lag_span_month')
export class UnitMonthLagSpanEntity {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  span: number;

  [bucket: `b${number}`]: number;
}
counters(UnitMonthLagSpanEntity.prototype, bucketColumn);
