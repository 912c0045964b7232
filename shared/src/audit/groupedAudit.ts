import type { DataSource } from 'typeorm';
import { bulkInsert } from '../db/bulkInsert';
import { GroupedWrites } from '../db/groupedWrites';
import type { ServiceContext } from '../server/context';
import { auditRows, type AuditEvent } from './audit';
import { AuditEntry } from './auditEntry.entity';

type Row = ReturnType<typeof auditRows>[number];

/**
 * Audit for high-volume reads (report verification): the rows of concurrent requests go to the
 * database in one INSERT (GroupedWrites). Each caller still waits until its own rows are stored,
 * so no read is answered without its audit entry and a failed write fails the read.
 * Writes done inside a transaction keep using `audit()` with the transaction's manager.
 */
export class GroupedAudit {
  private readonly writes: GroupedWrites<Row[]>;

  constructor(db: DataSource, maxRowsPerStatement = 500) {
    this.writes = new GroupedWrites<Row[]>(
      async (events) => void (await bulkInsert(db.manager, AuditEntry, events.flat())),
      maxRowsPerStatement,
      (rows) => rows.length,
    );
  }

  write(ctx: ServiceContext, event: AuditEvent): Promise<void> {
    const rows = auditRows(ctx, event);
    return rows.length === 0 ? Promise.resolve() : this.writes.add(rows);
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
