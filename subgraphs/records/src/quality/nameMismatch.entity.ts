import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A record whose subject name differs from the name its credit code is registered under: accepted
 * (the decision names whom it names), but listed for the unit and the lead department to check.
 * One row per record, replaced whenever the record is written again.
 */
@Entity('record_name_mismatch')
@Index('ix_name_mismatch_unit_seen', ['sourceUnitCode', 'seenAt'])
export class NameMismatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  recordId: string;

  @Column({ type: 'varchar', length: 32 })
  sourceUnitCode: string;

  @Column({ type: 'varchar', length: 100 })
  decisionNumber: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 200 })
  submittedName: string;

  @Column({ type: 'varchar', length: 200 })
  registeredName: string;

  @Column({ type: 'datetime', precision: 6 })
  seenAt: Date;
}

// The comparison is shared with reports (recognised external reports).
export { sameSubjectName } from '@credit/shared';
