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

/** Lags are counted per LAG_BUCKET_DAYS as well, so that a percentile reads a few buckets' lags. */
export const LAG_BUCKET_DAYS = 30;

/**
 * New records per unit, lag in whole days (decision to first submission) and Guizhou day of
 * submission. Keyed by unit and lag first: a percentile reads the lags of one bucket of one unit.
 */
@Entity('unit_lag_day')
export class UnitDayLagEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  lagDays: number;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'int' })
  records: number;
}

/** The same per Guizhou month of submission: whole months of a period are read from here. */
@Entity('unit_lag_month')
export class UnitMonthLagEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  lagDays: number;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'int' })
  records: number;
}

/**
 * New records per day, unit and bucket of LAG_BUCKET_DAYS lags: a unit that loads its history in
 * one day has thousands of distinct lags but a hundred buckets; the median, the 90th percentile
 * and the late rows need the lags of at most three of them (see lagFigures).
 */
@Entity('unit_lag_bucket_day')
export class UnitDayLagBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  /** floor(lagDays / LAG_BUCKET_DAYS) */
  @PrimaryColumn({ type: 'int' })
  bucket: number;

  @Column({ type: 'int' })
  records: number;
}

/** The buckets per Guizhou month of submission. */
@Entity('unit_lag_bucket_month')
export class UnitMonthLagBucketEntity {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  bucket: number;

  @Column({ type: 'int' })
  records: number;
}
