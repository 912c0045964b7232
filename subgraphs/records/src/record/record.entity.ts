import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { amountTransformer } from './amount';

/**
 * A violation record (违法违规记录), modelled on the national 双公示 administrative-penalty columns.
 * Never deleted: status changes (repair, revocation) and corrections are revisions.
 * Indexes: the history and summary queries are range scans on (creditCode, decisionDate) and
 * (creditCode, domainCode, decisionDate); a decision's identity is (decidingAuthorityCode, decisionNumber),
 * unique, whichever unit sends it;
 * quality monitoring scans (sourceUnitCode, submittedAt); statistics scan (decisionDate).
 */
@Entity('violation_record')
// Decision number first: a batch looks its decisions up by number alone (IN list), whatever their authority.
@Index('ux_record_authority_decision', ['decisionNumber', 'decidingAuthorityCode'], { unique: true })
@Index('ix_record_subject_date', ['creditCode', 'decisionDate', 'id'])
// Covers the per-domain summary (GROUP BY domain, filter on status and period) without row lookups.
@Index('ix_record_subject_domain_status_date', ['creditCode', 'domainCode', 'status', 'decisionDate'])
@Index('ix_record_unit_submitted', ['sourceUnitCode', 'submittedAt'])
@Index('ix_record_decision_date', ['decisionDate'])
export class RecordEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  sourceUnitCode: string;

  /** 决定书文号 */
  @Column({ type: 'varchar', length: 100 })
  decisionNumber: string;

  @Column({ type: 'varchar', length: 32 })
  category: string;

  /** 简易程序: only for administrative penalties. */
  @Column({ type: 'boolean', default: false })
  simplifiedProcedure: boolean;

  @Column({ type: 'varchar', length: 8 })
  domainCode: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  /** 行政相对人名称, as submitted. */
  @Column({ type: 'varchar', length: 200 })
  subjectName: string;

  /** 行政相对人类别: LEGAL_ENTITY, INDIVIDUAL_BUSINESS or NATURAL_PERSON (decides masking). */
  @Column({ type: 'varchar', length: 24 })
  subjectType: string;

  /** 法定代表人, as the decision names it. */
  @Column({ type: 'varchar', length: 50, nullable: true })
  legalRepresentative: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  violationType: string | null;

  @Column({ type: 'text' })
  facts: string;

  @Column({ type: 'text' })
  legalBasis: string;

  /** 处罚类别, `;`-separated (e.g. 警告;罚款). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  penaltyTypes: string | null;

  @Column({ type: 'text', nullable: true })
  penaltyContent: string | null;

  @Column({ type: 'decimal', precision: 14, scale: 2, nullable: true, transformer: amountTransformer })
  fineAmount: string | null;

  @Column({ type: 'decimal', precision: 14, scale: 2, nullable: true, transformer: amountTransformer })
  confiscatedAmount: string | null;

  /** SUSPENDED or REVOKED licence (暂扣或吊销证照), with its name and number. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  licenceAction: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  licenceDetail: string | null;

  @Column({ type: 'date' })
  decisionDate: string;

  @Column({ type: 'date', nullable: true })
  effectiveUntil: string | null;

  @Column({ type: 'date', nullable: true })
  publicityDeadline: string | null;

  @Column({ type: 'varchar', length: 200 })
  decidingAuthority: string;

  @Column({ type: 'varchar', length: 18 })
  decidingAuthorityCode: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  remarks: string | null;

  /** First submission; `lagDays` is the whole days from the decision to it (quality monitoring). */
  @Column({ type: 'datetime', precision: 6 })
  submittedAt: Date;

  @Column({ type: 'int' })
  lagDays: number;

  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'date', nullable: true })
  repairedAt: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  repairBasis: string | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revokeReason: string | null;

  @Column({ type: 'boolean', default: false })
  underObjection: boolean;

  /** Number of the latest revision. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}
