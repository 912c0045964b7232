import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One submitted batch (API call or import chunk): the raw material of quality monitoring. */
@Entity('record_submission')
@Index('ix_submission_unit_at', ['sourceUnitCode', 'submittedAt'])
@Index('ix_submission_at', ['submittedAt'])
export class SubmissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  sourceUnitCode: string;

  /** API or IMPORT */
  @Column({ type: 'varchar', length: 8 })
  channel: string;

  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'datetime', precision: 6 })
  submittedAt: Date;

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

  /** Rejected rows per reason code, e.g. `{"BAD_CHECK_CHARACTER": 3}` (a row may count under several). */
  @Column({ type: 'simple-json' })
  rejectReasons: Record<string, number>;
}
