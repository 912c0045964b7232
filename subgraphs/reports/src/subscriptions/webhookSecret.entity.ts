import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A partner's webhook signing secret. The platform must sign with it, so it cannot be hashed: it is
 * stored encrypted (AES-256-GCM under a key derived from the report keyring's server secret, see
 * webhookSecrets.ts), so that a copy of the database alone forges no event. The partner sees the
 * plain secret once, in the answer of createWebhookSecret; the newest key signs.
 */
@Entity('partner_webhook_secret')
@Index('ix_partner_webhook_secret_partner', ['partnerId', 'createdAt'])
export class PartnerWebhookSecretEntity {
  /** Sent with every event (x-credit-webhook-key) so that a receiver can keep two keys while rotating. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  keyId: string;

  @Column({ type: 'varchar', length: 64 })
  partnerId: string;

  /** base64url(iv | ciphertext | tag). */
  @Column({ type: 'varchar', length: 200 })
  secretEncrypted: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}
