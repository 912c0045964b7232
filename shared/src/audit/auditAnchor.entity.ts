import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A seal over the audit rows written since the previous anchor: which rows existed (id and a short
 * hash each), chained to the previous anchor's digest and MAC'd with AUDIT_ANCHOR_KEY. The services
 * may only read and append anchors (accounts.ts, appendOnly.ts); `pnpm audit:check` verifies them.
 */
@Entity('audit_anchor')
@Index('uq_audit_anchor_from', ['fromId'], { unique: true })
export class AuditAnchorEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  at: Date;

  /** The previous anchor's lastId (0 for the first): unique, so two replicas never seal the same rows twice. */
  @Column({ type: 'int' })
  fromId: number;

  @Column({ type: 'int' })
  lastId: number;

  @Column({ type: 'int' })
  rowCount: number;

  /** `id:hash16` per sealed row, comma-separated: names the first missing or changed row. */
  @Column({ type: 'text' })
  rowHashes: string;

  /** SHA-256 over the previous anchor's digest and this anchor's fields. */
  @Column({ type: 'varchar', length: 64 })
  digest: string;

  /** HMAC-SHA256 of `digest` with AUDIT_ANCHOR_KEY: recomputing the chain needs the key. */
  @Column({ type: 'varchar', length: 64 })
  mac: string;
}
