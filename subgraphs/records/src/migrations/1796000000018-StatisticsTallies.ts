import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildTalliesIn } from '../aggregates/tallyMaintenance';

/**
 * The maintained aggregates statistics and quality monitoring read (aggregates/), filled from the
 * existing records and submission log, so that an upgraded database answers as before.
 */
export class StatisticsTallies1796000000018 implements MigrationInterface {
  name = 'StatisticsTallies1796000000018';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `record_month_tally` (`cut` varchar(8) NOT NULL, `domainCode` varchar(8) NOT NULL, `period` varchar(7) NOT NULL, `keyValue` varchar(32) NOT NULL, `records` int NOT NULL, `repaired` int NOT NULL, PRIMARY KEY (`cut`, `domainCode`, `period`, `keyValue`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `record_day_tally` (`period` varchar(10) NOT NULL, `cut` varchar(8) NOT NULL, `domainCode` varchar(8) NOT NULL, `keyValue` varchar(32) NOT NULL, `records` int NOT NULL, `repaired` int NOT NULL, PRIMARY KEY (`period`, `cut`, `domainCode`, `keyValue`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_day_tally` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `batches` int NOT NULL, `rowsSubmitted` int NOT NULL, `created` int NOT NULL, `updated` int NOT NULL, `unchanged` int NOT NULL, `excluded` int NOT NULL, `rejected` int NOT NULL, PRIMARY KEY (`day`, `unitCode`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_day_rejection` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `reason` varchar(40) NOT NULL, `rejectedRows` int NOT NULL, PRIMARY KEY (`day`, `unitCode`, `reason`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_day_lag` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `lagDays` int NOT NULL, `records` int NOT NULL, PRIMARY KEY (`day`, `unitCode`, `lagDays`)) ENGINE=InnoDB',
    );
    await rebuildTalliesIn(q.manager);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unit_day_lag', 'unit_day_rejection', 'unit_day_tally', 'record_day_tally', 'record_month_tally'])
      await q.query(`DROP TABLE \`${t}\``);
  }
}
