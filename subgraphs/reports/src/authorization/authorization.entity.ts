import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** The subject lets one report user (partner id) read one report's detail until a moment. */
@Entity('report_authorization')
@Index('ux_authorization_report_partner', ['reportNumber', 'partnerId'], { unique: true })
export class ReportAuthorizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 24 })
  reportNumber: string;

  @Column({ type: 'varchar', length: 64 })
  partnerId: string;

  @Column({ type: 'datetime', precision: 6 })
  until: Date;

  @Column({ type: 'varchar', length: 80 })
  grantedBy: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  grantedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  revokedAt: Date | null;
}
