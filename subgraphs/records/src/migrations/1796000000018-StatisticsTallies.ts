import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The maintained aggregates statistics and quality monitoring read (aggregates/). A database that
 * already holds records needs `pnpm stats:rebuild` once after this migration (minutes at millions
 * of records, too long for a service's start); the records service warns until it has run.
 */
export class StatisticsTallies1796000000018 implements MigrationInterface {
  name = 'StatisticsTallies1796000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `record_month_tally` (`cut` varchar(8) NOT NULL, `domainCode` varchar(8) NOT NULL, `period` varchar(7) NOT NULL, `keyValue` varchar(32) NOT NULL, `records` int NOT NULL, `repaired` int NOT NULL, PRIMARY KEY (`cut`, `domainCode`, `period`, `keyValue`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `record_day_tally` (`cut` varchar(8) NOT NULL, `domainCode` varchar(8) NOT NULL, `period` varchar(10) NOT NULL, `keyValue` varchar(32) NOT NULL, `records` int NOT NULL, `repaired` int NOT NULL, PRIMARY KEY (`cut`, `domainCode`, `period`, `keyValue`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_day_tally` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `batches` int NOT NULL, `rowsSubmitted` int NOT NULL, `created` int NOT NULL, `updated` int NOT NULL, `unchanged` int NOT NULL, `excluded` int NOT NULL, `rejected` int NOT NULL, PRIMARY KEY (`day`, `unitCode`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_day_rejection` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `reason` varchar(40) NOT NULL, `rejectedRows` int NOT NULL, PRIMARY KEY (`day`, `unitCode`, `reason`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_day_lag` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `chunk` int NOT NULL, `histogram` text NOT NULL, PRIMARY KEY (`day`, `unitCode`, `chunk`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unit_day_lag', 'unit_day_rejection', 'unit_day_tally', 'record_day_tally', 'record_month_tally'])
      await q.query(`DROP TABLE \`${t}\``);
  }
}
