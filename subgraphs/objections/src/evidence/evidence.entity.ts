import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** An evidence attachment's metadata; its bytes live in `objection_evidence_chunk`. */
@Entity('objection_evidence')
@Index('ix_evidence_objection', ['objectionId', 'position'])
export class EvidenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  @Column({ type: 'varchar', length: 26 })
  objectionId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}

/**
 * Attachment bytes in base64 slices of at most 60,000 characters: a plain `text` column holds that
 * on MySQL (64 KB) and SQLite alike, where one column big enough for 2 MB has no common type.
 */
@Entity('objection_evidence_chunk')
export class EvidenceChunkEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  evidenceId: string;

  @PrimaryColumn({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  data: string;
}
