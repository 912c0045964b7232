import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum OutboxKind {
  MARK = 'MARK',
  CLEAR = 'CLEAR',
  APPLY_CORRECTION = 'APPLY_CORRECTION',
}

export enum OutboxStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/**
 * An effect on the records subgraph, written in the same transaction as the objection's state
 * change and delivered afterwards by the OutboxWorker. Rows of one objection are delivered in id
 * order (a CLEAR never overtakes its MARK).
 */
@Entity('objection_outbox')
@Index('ix_outbox_status_next', ['status', 'nextAttemptAt'])
@Index('ix_outbox_objection', ['objectionId', 'id'])
export class OutboxEntity {
  // int: AUTOINCREMENT on SQLite and MySQL alike; delivered rows can be archived.
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 26 })
  objectionId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  /** The internal call's variables as JSON. */
  @Column({ type: 'text' })
  payload: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'datetime', precision: 6 })
  nextAttemptAt: Date;

  /** A worker instance owns the row until then (several instances may poll one database). */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  claimedUntil: Date | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ type: 'varchar', length: 12 })
  status: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}
