import type { DataSource } from 'typeorm';
import { bulkInsert } from '../db/bulkInsert';
import type { ServiceContext } from '../server/context';
import { auditRows, type AuditEvent } from './audit';
import { AuditEntry } from './auditEntry.entity';

type Row = ReturnType<typeof auditRows>[number];
interface Waiting {
  rows: Row[];
  done: (err?: unknown) => void;
}

/**
 * Audit for high-volume reads (report verification): the rows of concurrent requests go to the
 * database in one INSERT, the way a database groups commits. Each caller still waits until its
 * own rows are stored, so no read is answered without its audit entry and a failed write fails
 * the read; when idle, a row is written on the next turn of the event loop, without delay.
 * Writes done inside a transaction keep using `audit()` with the transaction's manager.
 */
export class GroupedAudit {
  private queue: Waiting[] = [];
  private draining = false;

  constructor(
    private readonly db: DataSource,
    private readonly maxRowsPerStatement = 500,
  ) {}

  write(ctx: ServiceContext, event: AuditEvent): Promise<void> {
    const rows = auditRows(ctx, event);
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ rows, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!this.draining) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch: Waiting[] = [];
      let count = 0;
      while (this.queue.length > 0 && count < this.maxRowsPerStatement) {
        const next = this.queue.shift()!;
        batch.push(next);
        count += next.rows.length;
      }
      try {
        await bulkInsert(
          this.db.manager,
          AuditEntry,
          batch.flatMap((w) => w.rows),
        );
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.done(err);
      }
    }
    this.draining = false;
  }
}

const perDatabase = new WeakMap<DataSource, GroupedAudit>();

/**
 * Audit of a read, grouped with the concurrent reads on the same database (one writer per
 * DataSource). Writes keep `audit(tx, …)` so that act and entry commit together.
 */
export function auditRead(db: DataSource, ctx: ServiceContext, event: AuditEvent): Promise<void> {
  let grouped = perDatabase.get(db);
  if (!grouped) {
    grouped = new GroupedAudit(db);
    perDatabase.set(db, grouped);
  }
  return grouped.write(ctx, event);
}
