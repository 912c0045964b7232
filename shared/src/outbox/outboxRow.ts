import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

export enum OutboxStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

/**
 * The columns every outbox table shares (objections' effects on records, records' changes for
 * reports, reports' webhook deliveries). A subgraph's outbox entity extends this class with its own
 * table name, indexes and stream column; the rows are written in the transaction of the change
 * they carry and delivered afterwards by an OutboxWorker.
 */
export abstract class OutboxRow {
  // int: AUTOINCREMENT on SQLite and MySQL alike; delivered rows can be archived.
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  /** What to deliver, as JSON. */
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

/** A new row's columns, due at once by the wall clock (the worker compares with real time, not a test clock). */
export function pendingOutboxRow(kind: string, payload: unknown) {
  return {
    kind,
    payload: JSON.stringify(payload),
    attempts: 0,
    nextAttemptAt: new Date(),
    claimedUntil: null,
    deliveredAt: null,
    lastError: null,
    status: OutboxStatus.PENDING,
  };
}
