import { OutboxFeed, pendingOutboxRow, ReportsApi, type Logger, type ServiceClient } from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { CommitmentBreachOutboxEntity } from './breachOutbox.entity';

export type CommitmentBreach = ReportsApi.CommitmentBreachedMutationVariables;

export const COMMITMENT_BREACHED = 'COMMITMENT_BREACHED';

/** Writes the breach to the outbox in the caller's transaction: it commits with the breach or not at all. */
export async function publishBreach(tx: EntityManager, breach: CommitmentBreach): Promise<void> {
  await tx.getRepository(CommitmentBreachOutboxEntity).insert(pendingOutboxRow(COMMITMENT_BREACHED, breach));
}

/**
 * Delivers entities' breach outbox to the reports subgraph (its typed internal client), which queues
 * BREACHED webhook events for the subject's reports issued before the breach.
 */
export type CommitmentBreachFeed = OutboxFeed<CommitmentBreachOutboxEntity, CommitmentBreach, number>;

export function commitmentBreachFeed(
  db: DataSource,
  reports: ServiceClient | null,
  opts: { pollMs: number; maxAttempts: number; logger: Logger },
): CommitmentBreachFeed {
  return new OutboxFeed(db, reports, {
    target: CommitmentBreachOutboxEntity,
    what: 'commitment breaches',
    send: async (client, breach: CommitmentBreach) =>
      (await client(ReportsApi.CommitmentBreachedDocument, breach)).internalCommitmentBreached,
    ...opts,
  });
}
