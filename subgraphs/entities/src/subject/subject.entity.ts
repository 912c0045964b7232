import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A credit subject (信用主体), keyed by its credit code or, for a natural person, resident ID. */
@Entity('subject')
@Index('ix_subject_region_kind', ['regionCode', 'kind', 'creditCode'])
@Index('ix_subject_kind', ['kind', 'creditCode'])
// The national feed reads subjects in order of change (changedSince, keyset on updatedAt).
@Index('ix_subject_updated', ['updatedAt', 'creditCode'])
export class SubjectEntity {
  @PrimaryColumn({ type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  registrationAuthority: string | null;

  /** ISO date string (YYYY-MM-DD) on both SQLite and MySQL. */
  @Column({ type: 'date', nullable: true })
  establishedOn: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}
