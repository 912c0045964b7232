import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One change to a record an issued report covers: what the owner and the report users it authorised
 * see (old -> new). (reportNumber, recordId, version) is unique, so a redelivered change counts once.
 */
@Entity('report_record_change')
@Index('ux_report_record_change', ['reportNumber', 'recordId', 'version'], { unique: true })
export class ReportRecordChangeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 24 })
  reportNumber: string;

  @Column({ type: 'varchar', length: 26 })
  recordId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 16 })
  kind: string;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ type: 'varchar', length: 100 })
  decisionNumber: string;

  @Column({ type: 'varchar', length: 8 })
  domainCode: string;

  @Column({ type: 'date' })
  decisionDate: string;

  /** JSON {field: [before, after]}; null for a record added late or a status-only change. */
  @Column({ type: 'text', nullable: true })
  changes: string | null;
}
