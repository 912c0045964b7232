import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Another province's report whose signature checked out against a trusted key; local departments accept it. */
@Entity('external_report_recognition')
@Index('ux_recognition_issuer_number', ['issuerProvince', 'externalNumber'], { unique: true })
@Index('ix_recognition_subject', ['creditCode'])
export class RecognitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 6 })
  issuerProvince: string;

  @Column({ type: 'varchar', length: 64 })
  keyId: string;

  @Column({ type: 'varchar', length: 40 })
  externalNumber: string;

  @Column({ type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ type: 'varchar', length: 200 })
  subjectName: string;

  @Column({ type: 'date' })
  periodFrom: string;

  @Column({ type: 'date' })
  periodTo: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'varchar', length: 80 })
  recognizedBy: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  recognizedAt: Date;
}
