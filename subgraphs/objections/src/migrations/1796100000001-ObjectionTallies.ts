import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tallies objection statistics read (aggregates/). A database that already holds objections
 * needs `pnpm stats:rebuild` once after this migration.
 */
export class ObjectionTallies1796100000001 implements MigrationInterface {
  name = 'ObjectionTallies1796100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `objection_tally` (`filedMonth` varchar(7) NOT NULL, `status` varchar(16) NOT NULL, `type` varchar(24) NOT NULL, `unitCode` varchar(32) NOT NULL, `dueOn` varchar(10) NOT NULL, `objections` int NOT NULL, PRIMARY KEY (`filedMonth`, `status`, `type`, `unitCode`, `dueOn`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `objection_handling_tally` (`filedMonth` varchar(7) NOT NULL, `handlingMinutes` int NOT NULL, `objections` int NOT NULL, PRIMARY KEY (`filedMonth`, `handlingMinutes`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `objection_handling_tally`');
    await q.query('DROP TABLE `objection_tally`');
  }
}
