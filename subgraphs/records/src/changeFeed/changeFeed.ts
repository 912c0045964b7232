import { OutboxWorker, ReportsApi, type Logger, type PassResult, type ServiceClient } from '@credit/shared';
import type { DataSource } from 'typeorm';
import { RecordChangeOutboxEntity } from './recordChangeOutbox.entity';
import type { RecordChange } from './recordChanges';

export interface ChangeFeedOptions {
  pollMs: number;
  maxAttempts: number;
  logger: Logger;
}

/**
 * Delivers records' change outbox to the reports subgraph (its typed internal client), which marks
 * the issued reports each change touches. Without a reports address the changes wait in the outbox:
 * nothing is lost, they go once one is known.
 */
export class RecordChangeFeed {
  private reports: ServiceClient | null;
  readonly worker: OutboxWorker<RecordChangeOutboxEntity, number>;

  constructor(db: DataSource, reports: ServiceClient | null, opts: ChangeFeedOptions) {
    this.reports = reports;
    this.worker = new OutboxWorker(db, {
      target: RecordChangeOutboxEntity,
      deliver: (row) => this.deliver((JSON.parse(row.payload) as { changes: RecordChange[] }).changes),
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

  private async deliver(changes: RecordChange[]): Promise<number> {
    if (!this.reports) throw new Error('no REPORTS_URL configured: record changes wait in the outbox');
    const data = await this.reports(ReportsApi.RecordsChangedDocument, { changes });
    return data.internalRecordsChanged;
  }
}
