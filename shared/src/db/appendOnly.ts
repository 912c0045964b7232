import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tables nothing may change once written. The service account has no UPDATE or DELETE on them
 * (see accounts.ts); these triggers refuse both for every account as well, migration account included.
 * TRUNCATE and DROP fire no trigger: the anchors (audit/auditAnchors.ts) make those visible instead.
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_anchor'] as const;

const refusal = (table: string, verb: string) => `${table} is append-only: rows are never ${verb}`;

/** MySQL/MariaDB: a migration every subgraph lists after the one that creates its audit_log. */
export class AuditLogAppendOnly1796046090725 implements MigrationInterface {
  name = 'AuditLogAppendOnly1796046090725';

  async up(q: QueryRunner): Promise<void> {
    await createMysqlAppendOnlyTriggers(q, 'audit_log');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMysqlAppendOnlyTriggers(q, 'audit_log');
  }
}

/** MySQL/MariaDB: the audit anchors (auditAnchors.ts), append-only like the rows they seal. */
export class AuditAnchors1796958000000 implements MigrationInterface {
  name = 'AuditAnchors1796958000000';

  async up(q: QueryRunner): Promise<void> {
    if (!(await hasTable(q, 'audit_log'))) return; // nothing to seal
    await q.query(
      'CREATE TABLE `audit_anchor` (`id` int NOT NULL AUTO_INCREMENT, ' +
        '`at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `fromId` int NOT NULL, `lastId` int NOT NULL, ' +
        '`rowCount` int NOT NULL, `rowHashes` text NOT NULL, `digest` varchar(64) NOT NULL, `mac` varchar(64) NOT NULL, ' +
        'UNIQUE INDEX `uq_audit_anchor_from` (`fromId`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await createMysqlAppendOnlyTriggers(q, 'audit_anchor');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMysqlAppendOnlyTriggers(q, 'audit_anchor');
    await q.query('DROP TABLE IF EXISTS `audit_anchor`');
  }
}

/** The shared audit migrations every subgraph runs after its own (openDatabase, migrateSchema). */
export const AUDIT_MIGRATIONS = [AuditLogAppendOnly1796046090725, AuditAnchors1796958000000];

async function createMysqlAppendOnlyTriggers(q: QueryRunner, table: string): Promise<void> {
  // Schemas without an audit log (scratch schemas of tests) have nothing to protect.
  if (!(await hasTable(q, table))) return;
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

async function hasTable(q: QueryRunner, table: string): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?`,
    [table],
  );
  return rows.length > 0;
}

async function dropMysqlAppendOnlyTriggers(q: QueryRunner, table: string): Promise<void> {
  await q.query(`DROP TRIGGER IF EXISTS \`${table}_no_update\``);
  await q.query(`DROP TRIGGER IF EXISTS \`${table}_no_delete\``);
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
