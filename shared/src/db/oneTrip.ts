import type { DataSource } from 'typeorm';
import type { Statement } from './bulkInsert';
import { isMysql } from './database';
import { countStatements } from './statementCounter';
import { GroupedWrites } from './groupedWrites';

/** Whether this DataSource's MySQL connections accept several statements per query (openDatabase's option). */
export const sendsOneTrip = (ds: DataSource): boolean =>
  isMysql(ds) && (ds.options as { multipleStatements?: boolean }).multipleStatements === true;

/**
 * Commits the statements as one transaction. On MySQL opened with `multipleStatements` they go as
 * one packet, START TRANSACTION; …; COMMIT: one round trip where each statement was one, and each
 * round trip costs the service and the server a wake-up (on this platform's hosts about a quarter
 * of a millisecond of CPU each). A failing statement stops the packet; the transaction it opened is
 * rolled back before the connection returns to the pool, and the error is thrown as it came.
 * Elsewhere (SQLite is in-process) an ordinary transaction, statement by statement.
 */
export async function commitInOneTrip(ds: DataSource, statements: Statement[]): Promise<void> {
  if (!sendsOneTrip(ds)) {
    await ds.transaction(async (tx) => {
      for (const s of statements) await tx.query(s.sql, s.params);
    });
    return;
  }
  const runner = ds.createQueryRunner('master');
  try {
    await runner.query(
      ['START TRANSACTION', ...statements.map((s) => s.sql), 'COMMIT'].join(';\n'),
      statements.flatMap((s) => s.params),
    );
    // The logger saw one query; the server ran each statement of it.
    countStatements(statements.length + 1);
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await runner.release();
  }
}

interface Transaction {
  statements: Statement[];
  /** Set when this transaction, committed alone, failed: its caller's error. */
  failed?: unknown;
}

/**
 * Transactions of concurrent requests committed as one (commitInOneTrip over all their statements),
 * the way GroupedWrites groups reads' audit rows: one round trip and one COMMIT, where there was one
 * each. Each caller is answered after the commit that carried its statements. A group that fails is
 * rolled back whole and each of its transactions is then committed alone, so a failing request fails
 * only itself and every other one still commits all or nothing. Without one-trip connections (SQLite)
 * each transaction commits alone, one after another.
 */
export class GroupedCommits {
  private readonly groups: GroupedWrites<Transaction>;
  private alone: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ds: DataSource,
    /** Statements per group; a transaction larger than this still goes, alone. */
    maxStatements = 200,
  ) {
    this.groups = new GroupedWrites<Transaction>(
      (txs) => this.commitGroup(txs),
      maxStatements,
      (tx) => tx.statements.length,
    );
  }

  async commit(statements: Statement[]): Promise<void> {
    if (!sendsOneTrip(this.ds)) {
      // One after another: embedded SQLite has one connection, where two would nest.
      const next = this.alone.then(() => commitInOneTrip(this.ds, statements));
      this.alone = next.catch(() => undefined);
      return next;
    }
    const tx: Transaction = { statements };
    await this.groups.add(tx);
    if (tx.failed !== undefined) throw tx.failed;
  }

  private async commitGroup(txs: Transaction[]): Promise<void> {
    if (txs.length === 1) {
      await commitInOneTrip(this.ds, txs[0].statements);
      return;
    }
    try {
      await commitInOneTrip(
        this.ds,
        txs.flatMap((tx) => tx.statements),
      );
      return;
    } catch {
      // Which one failed is not known from the error: each again, alone.
    }
    for (const tx of txs) {
      try {
        await commitInOneTrip(this.ds, tx.statements);
      } catch (err) {
        tx.failed = err;
      }
    }
  }
}
