import { OutboxRow } from '@credit/shared';
import { Entity, Index } from 'typeorm';

/**
 * Breaches for the reports subgraph (which subscribers must hear of it is reports' business), written
 * in the transaction that marks the commitment breached and delivered by the shared OutboxWorker. The
 * receiver is idempotent per (commitment, breach time) and order does not matter to it: no stream.
 */
@Entity('commitment_breach_outbox')
@Index('ix_commitment_breach_outbox_status_next', ['status', 'nextAttemptAt'])
export class CommitmentBreachOutboxEntity extends OutboxRow {}
