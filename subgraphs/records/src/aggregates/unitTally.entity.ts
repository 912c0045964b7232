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

/**
 * New records per unit, day of first submission and lag in whole days (decision to submission):
 * the histogram the median, the 90th percentile and the late rows are read from, exactly.
 */
@Entity('unit_day_lag')
export class UnitDayLagEntity {
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  @PrimaryColumn({ type: 'int' })
  lagDays: number;

  @Column({ type: 'int' })
  records: number;
}
