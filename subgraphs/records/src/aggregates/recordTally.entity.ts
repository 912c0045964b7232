import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What a tally row counts under: the records of one domain (or of all, `ALL_DOMAINS`) in a period,
 * in total or split by region or by category. Statistics add these up instead of scanning records.
 */
export type TallyCut = 'total' | 'region' | 'category';
export const ALL_DOMAINS = '*';

/**
 * Effective and repaired records per (decision month, cut, domain, key): `records` counts both,
 * `repaired` the repaired ones; revoked records are not records and are not counted. Rows for
 * every domain together (`ALL_DOMAINS`) keep the unfiltered dashboards to a few hundred rows.
 * Kept up to date in the transaction of every write that changes a record (see TallyDeltas).
 */
@Entity('record_month_tally')
export class RecordMonthTallyEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  cut: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  domainCode: string;

  /** YYYY-MM of the decision date. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period: string;

  /** The region or category; '' for the total. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  keyValue: string;

  @Column({ type: 'int' })
  records: number;

  @Column({ type: 'int' })
  repaired: number;
}

/**
 * The same per decision day: a period that does not start or end on a month's boundary takes its
 * partial months from here (at most ~60 days of rows).
 */
@Entity('record_day_tally')
export class RecordDayTallyEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  cut: string;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  domainCode: string;

  /** YYYY-MM-DD of the decision date. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  period: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  keyValue: string;

  @Column({ type: 'int' })
  records: number;

  @Column({ type: 'int' })
  repaired: number;
}
