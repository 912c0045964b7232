import {
  OutboxWorker,
  pendingOutboxRow,
  ReportsApi,
  type Logger,
  type PassResult,
  type ServiceClient,
} from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { CommitmentBreachOutboxEntity } from './breachOutbox.entity';

export type CommitmentBreach = ReportsApi.CommitmentBreachedMutationVariables;

export const COMMITMENT_BREACHED = 'COMMITMENT_BREACHED';

/** Writes the breach to the outbox in the caller's transaction: it commits with the breach or not at all. */
export async function publishBreach(tx: EntityManager, breach: CommitmentBreach): Promise<void> {
  await tx.getRepository(CommitmentBreachOutboxEntity).insert(pendingOutboxRow(COMMITMENT_BREACHED, breach));
}

export interface BreachFeedOptions {
  pollMs: number;
  maxAttempts: number;
  logger: Logger;
}

/**
 * Delivers entities' breach outbox to the reports subgraph (its typed internal client), which queues
 * BREACHED webhook events for the subject's reports issued before the breach. Without a reports
 * address the breaches wait in the outbox: nothing is lost, they go once one is known.
 */
export class CommitmentBreachFeed {
  private reports: ServiceClient | null;
  readonly worker: OutboxWorker<CommitmentBreachOutboxEntity, number>;

  constructor(db: DataSource, reports: ServiceClient | null, opts: BreachFeedOptions) {
    this.reports = reports;
    this.worker = new OutboxWorker(db, {
      target: CommitmentBreachOutboxEntity,
      deliver: (row) => this.deliver(JSON.parse(row.payload) as CommitmentBreach),
      pollMs: opts.pollMs,
      maxAttempts: opts.maxAttempts,
      logger: opts.logger,
    });
  }

  /** The reports subgraph to deliver to, once its address is known (a platform started in one process). */
  useReports(reports: ServiceClient): void {
    this.reports = reports;
  }

  start(): void {
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }

  /** Everything deliverable now, ignoring back-off (tests). */
  drain(): Promise<PassResult> {
    return this.worker.drain();
  }

  private async deliver(breach: CommitmentBreach): Promise<number> {
    if (!this.reports) throw new Error('no REPORTS_URL configured: breaches wait in the outbox');
    const data = await this.reports(ReportsApi.CommitmentBreachedDocument, breach);
    return data.internalCommitmentBreached;
  }
}
