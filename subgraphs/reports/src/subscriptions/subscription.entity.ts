import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A partner's subscription to one report's events (revocation, breach, records changed). Cancelled
 * subscriptions stay (cancelledAt) so that their past deliveries keep their owner; an active one is
 * unique per (partner, report, callback URL) by the service, which looks before it inserts.
 */
@Entity('report_subscription')
@Index('ix_report_subscription_report', ['reportNumber', 'cancelledAt'])
@Index('ix_report_subscription_partner', ['partnerId', 'createdAt'])
export class ReportSubscriptionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  partnerId: string;

  @Column({ type: 'varchar', length: 24 })
  reportNumber: string;

  @Column({ type: 'varchar', length: 500 })
  callbackUrl: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  cancelledAt: Date | null;
}
