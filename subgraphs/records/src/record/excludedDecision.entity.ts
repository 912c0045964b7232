import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A decision acknowledged as "not a record" (依法不予行政处罚, or not confirmed by an effective
 * legal document): kept so that the unit's submission is traceable, never counted or shown.
 */
@Entity('excluded_decision')
@Index('ux_excluded_unit_decision', ['sourceUnitCode', 'decisionNumber'], { unique: true })
export class ExcludedDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  sourceUnitCode: string;

  @Column({ type: 'varchar', length: 100 })
  decisionNumber: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 8 })
  domainCode: string;

  @Column({ type: 'date' })
  decisionDate: string;

  @Column({ type: 'varchar', length: 32 })
  reason: string;

  @Column({ type: 'datetime', precision: 6 })
  firstSeenAt: Date;
}
