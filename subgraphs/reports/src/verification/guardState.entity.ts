import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The verification guard's counts and locks (wrong codes per client and number, locks, attack
 * windows) as kept in the cache, written through so that a cache restart does not clear them.
 */
@Entity('verification_guard_state')
export class VerificationGuardStateEntity {
  /** The guard's cache key (`vl:<number>:<client>`…), or `h:` and its SHA-256 when longer than fits. */
  @PrimaryColumn({ name: 'state_key', type: 'varchar', length: 191 })
  key: string;

  /** A count, or the instant (ms) a lock ends. */
  @Column({ type: 'varchar', length: 32 })
  value: string;

  @Index('ix_verification_guard_state_expires')
  @Column({ type: 'datetime', precision: 3 })
  expiresAt: Date;
}
