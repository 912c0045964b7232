import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables nothing may change once written. The service account has no UPDATE or DELETE on them
 * (see accounts.ts); these triggers refuse both for every account as well, migration account included.
 */
export const APPEND_ONLY_TABLES = ['audit_log'] as const;

const refusal = (table: string, verb: string) => `${table} is append-only: rows are never ${verb}`;

/** MySQL/MariaDB: a migration every subgraph lists after the one that creates its audit_log. */
export class AuditLogAppendOnly1796046090725 implements MigrationInterface {
  name = 'AuditLogAppendOnly1796046090725';

  async up(q: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY_TABLES) {
      // Schemas without an audit log (scratch schemas of tests) have nothing to protect.
      const exists = await q.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?`,
        [table],
      );
      if (!exists.length) continue;
      for (const [event, verb] of [
        ['UPDATE', 'updated'],
        ['DELETE', 'deleted'],
      ]) {
        // One-statement body: no DELIMITER games, and SIGNAL aborts the whole statement.
        await q.query(
          `CREATE TRIGGER \`${table}_no_${event.toLowerCase()}\` BEFORE ${event} ON \`${table}\` FOR EACH ROW ` +
            `SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '${refusal(table, verb)}'`,
        );
      }
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of APPEND_ONLY_TABLES) {
      await q.query(`DROP TRIGGER IF EXISTS \`${table}_no_update\``);
      await q.query(`DROP TRIGGER IF EXISTS \`${table}_no_delete\``);
    }
  }
}

/** SQLite builds its schema with `synchronize`, so the same triggers are (re)created after each start. */
export async function ensureSqliteAppendOnly(ds: DataSource): Promise<void> {
  for (const table of APPEND_ONLY_TABLES) {
    const exists = await ds.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`, [table]);
    if (!exists.length) continue;
    for (const [event, verb] of [
      ['UPDATE', 'updated'],
      ['DELETE', 'deleted'],
    ]) {
      await ds.query(
        `CREATE TRIGGER IF NOT EXISTS "${table}_no_${event.toLowerCase()}" BEFORE ${event} ON "${table}" ` +
          `BEGIN SELECT RAISE(ABORT, '${refusal(table, verb)}'); END`,
      );
    }
  }
}
