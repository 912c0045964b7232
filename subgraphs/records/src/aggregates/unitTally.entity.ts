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

/** Lags of one histogram row: lags LAG_CHUNK_DAYS apart share none, so a row stays a few KB. */
export const LAG_CHUNK_DAYS = 500;

/**
 * New records per unit and day of first submission, as a histogram of the lag in whole days
 * (decision to submission), `{"lag": records}`, one row per LAG_CHUNK_DAYS of lag: the median, the
 * 90th percentile and the late rows are read from it exactly. A history loaded in one day spans
 * thousands of distinct lags; as rows per lag, a unit's dashboard would read all of them.
 */
@Entity('unit_day_lag')
export class UnitDayLagEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  /** floor(lag / LAG_CHUNK_DAYS) */
  @PrimaryColumn({ type: 'int' })
  chunk: number;

  @Column({ type: 'text' })
  histogram: string;
}
