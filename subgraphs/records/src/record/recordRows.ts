import type { DataSource } from 'typeorm';
import {
  AuditEntry,
  auditRows,
  countStatements,
  EntityRows,
  insertStatements,
  LONG_RECORD_FIELDS,
  readRows,
  sendsOneTrip,
} from '@credit/shared';
import { RecordEntity } from './record.entity';

/** An audit row of a read, as auditRows makes it. */
export type AuditRow = ReturnType<typeof auditRows>[number];

/**
 * The free-text columns of a record (the field table's long ones, and the status texts), each read by the GraphQL field of the same name: a page that
 * selects none of them (history lists: date, domain, status) reads `brief` rows without them, so
 * that neither the database nor the driver handles texts nobody asked for.
 */
export const LONG_TEXT_FIELDS: readonly string[] = [...LONG_RECORD_FIELDS, 'repairBasis', 'revokeReason'];

/** `all` columns, or `brief`: all but LONG_TEXT_FIELDS. */
export type RecordColumns = 'all' | 'brief';

/** The shape a selection of ViolationRecord fields needs. */
export const columnsFor = (selected: ReadonlySet<string>): RecordColumns =>
  LONG_TEXT_FIELDS.some((f) => selected.has(f)) ? 'all' : 'brief';

interface PendingRead {
  sql: string;
  params: unknown[];
  /** Audit rows written in the same packet, before the reads (one INSERT for those of the turn). */
  audit: AuditRow[];
  resolve: (rows: unknown[]) => void;
  reject: (err: unknown) => void;
}

/**
 * The hot reads of records (histories, report snapshots): plain SQL hydrated through EntityRows,
 * whole or brief rows, and reads of one turn sent together.
 */
export class RecordRows {
  /** Per shape, the reader of its columns of `violation_record r`. */
  private readonly shapes: Record<RecordColumns, EntityRows<RecordEntity>>;

  constructor(private readonly db: DataSource) {
    this.shapes = {
      all: new EntityRows(db, RecordEntity, 'r'),
      brief: new EntityRows(db, RecordEntity, 'r', (c) => !LONG_TEXT_FIELDS.includes(c.propertyName)),
    };
  }

  /**
   * A read: with DB_REPLICA_URLS it goes to a replica unless `from` is 'primary' (and to the primary
   * without). Reads asked for in the same turn of the event loop (a history's page and summary, which
   * two loaders ask for at once) travel together as one multi-statement query where the connection
   * allows it: one round trip instead of one each.
   */
  read<T>(
    sql: string,
    params: unknown[],
    from: 'replica' | 'primary' = 'replica',
    audit: AuditRow[] = [],
  ): Promise<T[]> {
    if (!sendsOneTrip(this.db)) return readRows<T>(this.db, sql, params, from);
    return new Promise<T[]>((resolve, reject) => {
      const queue = this.pending[from];
      queue.push({ sql, params, audit, resolve: resolve as (rows: unknown[]) => void, reject });
      if (queue.length === 1) setImmediate(() => void this.flush(from));
    });
  }

  /**
   * A read from the primary with its audit rows written in the same packet, just before it (the
   * rows of the turn's reads in one INSERT): one round trip where the read and its grouped audit
   * took two (records' share of an issuance). The
   * read is answered only once its rows are stored; if they are not, the read fails. Without
   * one-trip connections (SQLite) the rows are written after the read, as auditRead does.
   */
  async readAudited<T>(sql: string, params: unknown[], audit: AuditRow[], write: () => Promise<void>): Promise<T[]> {
    if (sendsOneTrip(this.db)) return this.read<T>(sql, params, 'primary', audit);
    const rows = await this.read<T>(sql, params, 'primary');
    await write();
    return rows;
  }

  private readonly pending: Record<'replica' | 'primary', PendingRead[]> = { replica: [], primary: [] };

  private async flush(from: 'replica' | 'primary'): Promise<void> {
    const reads = this.pending[from];
    this.pending[from] = [];
    try {
      const audit = reads.flatMap((r) => r.audit);
      if (reads.length === 1 && audit.length === 0) {
        reads[0].resolve(await readRows(this.db, reads[0].sql, reads[0].params, from));
        return;
      }
      // The audit rows of every read of the turn in one INSERT, then the reads.
      const writes = insertStatements(this.db.manager, AuditEntry, audit);
      const statements = [...writes, ...reads];
      const results = await readRows<unknown[]>(
        this.db,
        statements.map((s) => s.sql).join(';\n'),
        statements.flatMap((s) => s.params),
        from,
      );
      countStatements(statements.length - 1);
      reads.forEach((r, i) => r.resolve(results[writes.length + i]));
    } catch (err) {
      for (const r of reads) r.reject(err);
    }
  }

  /**
   * Rows of `violation_record r` matching `where` (SQL after WHERE, with its `?` parameters): whole
   * rows, or `brief` ones without the long texts (those properties are then absent).
   */
  async rows(
    where: string,
    params: unknown[],
    from: 'replica' | 'primary' = 'replica',
    columns: RecordColumns = 'all',
  ): Promise<RecordEntity[]> {
    const shape = this.shapes[columns];
    const raw = await this.read<Record<string, unknown>>(
      `SELECT ${shape.select} FROM ${shape.table} r WHERE ${where}`,
      params,
      from,
    );
    return raw.map((r) => shape.hydrate(r));
  }

  /** Whole rows from the primary, read together with their audit rows (readAudited). */
  async auditedRows(
    where: string,
    params: unknown[],
    audit: AuditRow[],
    write: () => Promise<void>,
  ): Promise<RecordEntity[]> {
    const shape = this.shapes.all;
    const raw = await this.readAudited<Record<string, unknown>>(
      `SELECT ${shape.select} FROM ${shape.table} r WHERE ${where}`,
      params,
      audit,
      write,
    );
    return raw.map((r) => shape.hydrate(r));
  }
}
