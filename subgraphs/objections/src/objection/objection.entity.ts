import type { RecordsApi } from '@credit/shared';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** A correction decided by the unit, as sent to the records subgraph when the objection is upheld. */
export interface StoredCorrection {
  action: RecordsApi.CorrectionAction;
  reason: string;
  changes: Record<string, unknown> | null;
}

/**
 * An objection (异议). Its status only moves through the state machine with a compare-and-set
 * on `status`, so two concurrent acts on one objection cannot both succeed.
 * Indexes: a subject's objections (creditCode), a record's (recordId), a unit's queue and the
 * overdue scans (unitCode/status + due dates), statistics by month (filedMonth).
 */
@Entity('objection')
@Index('ux_objection_number', ['number'], { unique: true })
@Index('ix_objection_subject', ['creditCode', 'filedAt'])
@Index('ix_objection_record', ['recordId', 'filedAt'])
@Index('ix_objection_unit_status', ['unitCode', 'status'])
@Index('ix_objection_status_accept_due', ['status', 'acceptDueOn'])
@Index('ix_objection_status_review_due', ['status', 'reviewDueOn'])
@Index('ix_objection_month', ['filedMonth'])
export class ObjectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  /** Human-friendly number, e.g. GZYY-2026-000042 (贵州异议), sequential per year. */
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'varchar', length: 24 })
  type: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'varchar', length: 26 })
  recordId: string;

  /** The record's subject: the only one who may file (or an operator for it). */
  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  /** True when the subject is a natural person (its ID is masked for callers who may not see it). */
  @Column({ type: 'boolean', default: false })
  naturalPerson: boolean;

  @Column({ type: 'varchar', length: 8 })
  domainCode: string;

  /** The unit that submitted the record, or the one the lead department reassigned it to. */
  @Column({ type: 'varchar', length: 32 })
  unitCode: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'varchar', length: 80 })
  filedBy: string;

  @Column({ type: 'datetime', precision: 6 })
  filedAt: Date;

  /** YYYY-MM in Guizhou time, so that statistics group by month with plain SQL on both databases. */
  @Column({ type: 'varchar', length: 7 })
  filedMonth: string;

  @Column({ type: 'date' })
  acceptDueOn: string;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  forwardedAt: Date | null;

  @Column({ type: 'date', nullable: true })
  reviewDueOn: string | null;

  /** The current step's due day lies beyond the known calendar years: recomputed when they are set, never overdue till then. */
  @Column({ type: 'boolean', default: false })
  dueProvisional: boolean;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  decidedAt: Date | null;

  /** Minutes from filing to the decision (refusal, upheld, rejected): the median handling time reads it. */
  @Column({ type: 'int', nullable: true })
  handlingMinutes: number | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  closedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  refusalReason: string | null;

  /** The unit's explanation (upheld or rejected). */
  @Column({ type: 'text', nullable: true })
  explanation: string | null;

  @Column({ type: 'simple-json', nullable: true })
  correction: StoredCorrection | null;

  /** Set when the records subgraph confirmed the correction (the outbox delivered it). */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  correctionAppliedAt: Date | null;

  /** The record's version after the correction (its new revision). */
  @Column({ type: 'int', nullable: true })
  correctedVersion: number | null;

  /** Demo objections are marked so that the seed stays idempotent. */
  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}
