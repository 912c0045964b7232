import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/**
 * A consultation or complaint (咨询 / 投诉, including 应替未替). Its status only moves through the
 * state machine with a compare-and-set on `status`. `dueOn` is the due day of the current step
 * (null once nobody is waited for), so one index serves every overdue scan.
 */
@Entity('feedback')
@Index('ux_feedback_number', ['number'], { unique: true })
@Index('ix_feedback_subject', ['creditCode', 'filedAt'])
@Index('ix_feedback_unit_status', ['unitCode', 'status'])
@Index('ix_feedback_status_due', ['status', 'dueOn'])
@Index('ix_feedback_filed', ['filedAt'])
export class FeedbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  /** GZTS-2026-000042 (贵州投诉), sequential per year. */
  @Column({ type: 'varchar', length: 20 })
  number: string;

  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  /** The subject filing (itself, or through an operator); null for an anonymous filer. */
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ type: 'boolean', default: false })
  naturalPerson: boolean;

  @Column({ type: 'varchar', length: 80 })
  filedBy: string;

  @Column({ type: 'varchar', length: 20 })
  filerRole: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  contactEmail: string | null;

  /** SHA-256 (hex) of an anonymous filer's access code; the code itself is shown once, at filing. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  accessCodeHash: string | null;

  @Column({ type: 'text' })
  content: string;

  /** 应替未替: the office that demanded the certificate. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  officeName: string | null;

  /** 应替未替: the office's supervising unit as the filer knows it (a code of the unit register). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  officeUnitCode: string | null;

  /** 应替未替: the matter (事项) the certificate was demanded for, in the filer's words. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  matter: string | null;

  /** 应替未替: the matter's code in the substitution catalogue (entities), when known. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  matterCode: string | null;

  @Column({ type: 'date', nullable: true })
  demandedOn: string | null;

  /** Region of the office (given, or the supervising unit's registered region once forwarded). */
  @Column({ type: 'varchar', length: 6, nullable: true })
  regionCode: string | null;

  /** The unit the complaint was forwarded to (the office's supervising unit). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  unitCode: string | null;

  @Column({ type: 'datetime', precision: 6 })
  filedAt: Date;

  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  forwardedAt: Date | null;

  /** `dueOn` lies beyond the known calendar years: recomputed when they are set, never overdue till then. */
  @Column({ type: 'boolean', default: false })
  dueProvisional: boolean;

  @Column({ type: 'text', nullable: true })
  unitReply: string | null;

  /** The unit's reply says the office now accepts the report (整改到位). */
  @Column({ type: 'boolean', nullable: true })
  rectified: boolean | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  unitRepliedAt: Date | null;

  /** What the filer is told: the lead department's answer, or its feedback when it closes the case. */
  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'text', nullable: true })
  dismissalReason: string | null;

  /** When the case ended (answered, closed, dismissed, withdrawn). */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  endedAt: Date | null;

  /** Minutes from filing to the end: the assessment's handling times read it. */
  @Column({ type: 'int', nullable: true })
  handlingMinutes: number | null;

  @Column({ type: 'boolean', default: false })
  demo: boolean;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}

/** One step of a complaint's timeline: append-only, written in the transaction of the step itself. */
@Entity('feedback_event')
@Index('ux_feedback_event_seq', ['caseId', 'seq'], { unique: true })
export class FeedbackEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 26 })
  caseId: string;

  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}

/** Last complaint number issued per year. */
@Entity('feedback_counter')
export class FeedbackCounterEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNumber: number;
}
