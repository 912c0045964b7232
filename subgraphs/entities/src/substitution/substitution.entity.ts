import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A matter (事项) that today requires a "no violation record" certificate, and which the report replaces. */
@Entity('substitution_matter')
@Index('ix_substitution_matter_scenario', ['scenario', 'code'])
export class SubstitutionMatterEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 32 })
  scenario: string;

  /** Domains whose certificates the report replaces for this matter; a short list read whole. */
  @Column({ type: 'simple-json' })
  domainCodes: string[];

  @Column({ type: 'varchar', length: 100 })
  acceptingOfficeType: string;

  @Column({ type: 'varchar', length: 500 })
  legalBasis: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** 1 at definition, +1 per change: the revision table holds every version's change. */
  @Column({ type: 'int' })
  version: number;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}

/** A tracked field's value as the history keeps it. */
export type MatterValue = string | boolean | string[] | null;

/** One version of a matter: who changed which fields from what to what, and when (append-only by use). */
@Entity('substitution_matter_revision')
@Index('ux_substitution_revision', ['matterCode', 'version'], { unique: true })
export class SubstitutionMatterRevisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  matterCode: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  /** field -> { from, to }; `from` is null at definition. */
  @Column({ type: 'simple-json' })
  changes: Record<string, { from: MatterValue; to: MatterValue }>;

  @Column({ type: 'varchar', length: 120 })
  actor: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  at: Date;
}
