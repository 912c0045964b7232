import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Reports counted per (day, scenario, channel, region): `issued` and `revoked` on the day of
 * issuance (a revoked report stays counted where it was issued, as the statistics always did),
 * `verified` on the day of each successful verification of an authentic report. Statistics add
 * these up instead of scanning the reports; kept in the transaction of every issuance and
 * revocation (see reportTallies.ts).
 */
@Entity('report_day_tally')
export class ReportDayTallyEntity {
  /** YYYY-MM-DD, China time. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  scenario: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel: string;

  /** The subject's region at issuance. */
  @PrimaryColumn({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'int' })
  issued: number;

  @Column({ type: 'int' })
  revoked: number;

  @Column({ type: 'int' })
  verified: number;
}
