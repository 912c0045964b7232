import type { DataSource, ObjectLiteral } from 'typeorm';
import type { Logger } from '../logging';
import type { ServiceClient } from '../server/serviceClient';
import { OutboxWorker, type PassResult } from './outboxWorker';
import type { OutboxRow } from './outboxRow';

export interface OutboxFeedOptions<Row extends OutboxRow, Payload, Result> {
  target: new () => Row;
  /** Sends one row's payload to the other subgraph through its typed client. */
  send: (client: ServiceClient, payload: Payload) => Promise<Result>;
  /** What waits while no address is known, for the error the row keeps ("record changes"). */
  what: string;
  pollMs: number;
  maxAttempts: number;
  logger: Logger;
}

/**
 * An outbox delivered to another subgraph whose address may be known only after start-up (a platform
 * started in one process): without a client the rows wait and retry; nothing is lost.
 */
export class OutboxFeed<Row extends OutboxRow & ObjectLiteral, Payload, Result = unknown> {
  private client: ServiceClient | null;
  readonly worker: OutboxWorker<Row, Result>;

  constructor(db: DataSource, client: ServiceClient | null, opts: OutboxFeedOptions<Row, Payload, Result>) {
    this.client = client;
    this.worker = new OutboxWorker(db, {
      target: opts.target,
      deliver: (row) => {
        if (!this.client) throw new Error(`no address configured: ${opts.what} wait in the outbox`);
        return opts.send(this.client, JSON.parse(row.payload) as Payload);
      },
      pollMs: opts.pollMs,
      maxAttempts: opts.maxAttempts,
      logger: opts.logger,
    });
  }

  /** The callee, once its address is known. */
  useReports(client: ServiceClient): void {
    this.client = client;
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
}
