import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The day tallies report statistics read (aggregates/). A database that already holds reports
 * needs `pnpm stats:rebuild` once after this migration (verification counts start at zero).
 */
export class ReportTallies1796100000000 implements MigrationInterface {
  name = 'ReportTallies1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE TABLE `report_day_tally` (`day` varchar(10) NOT NULL, `scenario` varchar(32) NOT NULL, `channel` varchar(32) NOT NULL, `regionCode` varchar(6) NOT NULL, `issued` int NOT NULL, `revoked` int NOT NULL, `verified` int NOT NULL, PRIMARY KEY (`day`, `scenario`, `channel`, `regionCode`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `report_day_tally`');
  }
}
