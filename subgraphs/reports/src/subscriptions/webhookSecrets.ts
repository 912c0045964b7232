import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { PartnerWebhookSecretEntity } from './webhookSecret.entity';

/**
 * Partners' webhook secrets, encrypted at rest. The key is derived (HKDF) from the report keyring's
 * server secret (`codeSecret` in REPORT_SIGNING_KEYS_FILE), which every replica already shares and
 * which lives outside the database: a stolen dump or replica holds ciphertexts only.
 */
export class WebhookSecrets {
  private readonly key: Buffer;

  constructor(
    private readonly db: DataSource,
    serverSecret: Buffer,
  ) {
    this.key = Buffer.from(hkdfSync('sha256', serverSecret, Buffer.alloc(0), 'credit-webhook-secrets/v1', 32));
  }

  /** A new key for the partner, which signs from now on; the plain secret is returned once and never again. */
  async create(tx: EntityManager, partnerId: string): Promise<{ keyId: string; secret: string; createdAt: Date }> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const keyId = `whk_${randomBytes(12).toString('base64url')}`;
    const createdAt = new Date();
    await tx.getRepository(PartnerWebhookSecretEntity).insert({
      keyId,
      partnerId,
      secretEncrypted: this.encrypt(secret, keyId),
      createdAt,
    });
    return { keyId, secret, createdAt };
  }

  /** The partner's signing key (the newest), or null when it never created one. */
  async activeFor(partnerId: string): Promise<{ keyId: string; secret: string } | null> {
    const row = await this.db.getRepository(PartnerWebhookSecretEntity).findOne({
      where: { partnerId },
      order: { createdAt: 'DESC', keyId: 'DESC' },
    });
    return row ? { keyId: row.keyId, secret: this.decrypt(row.secretEncrypted, row.keyId) } : null;
  }

  hasSecret(partnerId: string): Promise<boolean> {
    return this.db.getRepository(PartnerWebhookSecretEntity).existsBy({ partnerId });
  }

  // The key id is authenticated data: a ciphertext moved to another key's row does not decrypt.
  private encrypt(secret: string, keyId: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv).setAAD(Buffer.from(keyId));
    const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
    return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64url');
  }

  private decrypt(stored: string, keyId: string): string {
    const raw = Buffer.from(stored, 'base64url');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12)).setAAD(Buffer.from(keyId));
    d.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
  }
}
