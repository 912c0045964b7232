import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { StoredWindowAuthorization } from './windowAuthorization';

/**
 * An issued report. The signed snapshot text lives in `credit_report_snapshot`; the columns here
 * repeat a few of its facts for indexed listing and statistics and are never what is verified.
 */
@Entity('credit_report')
@Index('ix_report_subject_issued', ['creditCode', 'issuedAt'])
@Index('ix_report_issued_day', ['issuedDay'])
@Index('ux_report_status_list_index', ['statusListIndex'], { unique: true })
export class CreditReportEntity {
  @PrimaryColumn({ type: 'varchar', length: 24 })
  number: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 200 })
  subjectName: string;

  @Column({ type: 'varchar', length: 24 })
  subjectKind: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'varchar', length: 32 })
  scenario: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'date' })
  coverageFrom: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  requiredByReportUser: string | null;

  @Column({ type: 'simple-json' })
  domainCodes: string[];

  @Column({ type: 'int' })
  recordCount: number;

  /** ISSUED or REVOKED: the only thing that changes after issuance. */
  @Column({ type: 'varchar', length: 16 })
  status: string;

  @Column({ type: 'datetime', precision: 6 })
  issuedAt: Date;

  /** China-local issue date, YYYY-MM-DD (statistics by day and month without dialect SQL). */
  @Column({ type: 'varchar', length: 10 })
  issuedDay: string;

  @Column({ type: 'varchar', length: 80 })
  issuedBy: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 128 })
  signature: string;

  @Column({ type: 'varchar', length: 64 })
  keyId: string;

  /** SM2 (SM3 digest, default user id) signature, DER base64url; null on reports issued before SM2 signing. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  sm2Signature: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  sm2KeyId: string | null;

  /** The report's bit in the revocation status list (BitstringStatusList); null before VCs existed. */
  @Column({ type: 'int', nullable: true })
  statusListIndex: number | null;

  /** SHA-256 of number and verification code; the code itself is never stored. */
  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  revocationReason: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  revokedBy: string | null;

  /**
   * Currency (是否仍为最新): when a record the report covers first changed after issuance, and how
   * many changes of each kind since; kept by ReportCurrency as records publishes changes, so
   * verification reads them without a scan. Null and zeros: nothing changed.
   */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  changedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  changesCorrected: number;

  @Column({ type: 'int', default: 0 })
  changesRevoked: number;

  @Column({ type: 'int', default: 0 })
  changesRepaired: number;

  @Column({ type: 'int', default: 0 })
  changesAddedLate: number;

  @Column({ type: 'int', default: 0 })
  changesUnderObjection: number;

  /** The report this one was reissued from (reissueReport), and the one that replaced it. */
  @Column({ type: 'varchar', length: 24, nullable: true })
  supersedes: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  supersededBy: string | null;

  /** Issued at a service window: who came for the subject and how the operator checked it. */
  @Column({ type: 'simple-json', nullable: true })
  windowAuthorization: StoredWindowAuthorization | null;
}
