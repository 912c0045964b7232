import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * A credit commitment (信用承诺): the subject pledges that it has no violations in the listed
 * domains. A breach stands until the lead department clears it; while it stands the subject may
 * not use a report in place of certificates. Breach fields are kept after clearing, as history.
 */
@Entity('credit_commitment')
@Index('ix_commitment_subject_status', ['creditCode', 'status'])
export class CommitmentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  /** Domain codes of the catalogue; a short list read whole. */
  @Column({ type: 'simple-json' })
  domainCodes: string[];

  @Column({ type: 'varchar', length: 1000 })
  statement: string;

  /** ACTIVE or BREACHED. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 80 })
  madeBy: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  breachReason: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  breachedBy: string | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  breachedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  clearReason: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  clearedBy: string | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  clearedAt: Date | null;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}
