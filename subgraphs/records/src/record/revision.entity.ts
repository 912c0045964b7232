import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change of a record: who, when, why, and each changed field's before/after. Append-only;
 * a record's current row plus its revisions replay its whole history. An objection's mark,
 * clearance and correction are revisions too, unique per (objectionId, action) so that a
 * retried internal call never applies twice.
 */
@Entity('record_revision')
@Index('ux_revision_record_seq', ['recordId', 'seq'], { unique: true })
@Index('ux_revision_objection_action', ['objectionId', 'action'], { unique: true })
export class RevisionEntity {
  // int: valid with AUTOINCREMENT on SQLite and on MySQL; archive long before 2^31 revisions.
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 26 })
  recordId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  objectionId: string | null;

  @Column({ type: 'varchar', length: 26, nullable: true })
  batchId: string | null;

  /** JSON `{ "field": [before, after] }` of the fields this revision changed (see `changesJson`). */
  @Column({ type: 'text', nullable: true })
  changes: string | null;
}

export type FieldChanges = Record<string, [unknown, unknown]>;

/** Serialises a revision's changes; null when nothing changed. */
export const changesJson = (c: FieldChanges | null | undefined): string | null =>
  c && Object.keys(c).length ? JSON.stringify(c) : null;
export const parseChanges = (c: string | null): FieldChanges => (c ? (JSON.parse(c) as FieldChanges) : {});
