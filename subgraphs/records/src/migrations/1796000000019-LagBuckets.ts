import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lag tallies as additive rows per lag and per bucket of lags, by day and by month, instead of
 * a JSON histogram per day (aggregates/unitTally.entity.ts). The records service warns until
 * `pnpm stats:rebuild` has filled them on a database that already holds records.
 */
export class LagBuckets1796000000019 implements MigrationInterface {
  name = 'LagBuckets1796000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `unit_day_lag`');
    await q.query(
      'CREATE TABLE `unit_lag_day` (`unitCode` varchar(32) NOT NULL, `lagDays` int NOT NULL, `day` varchar(10) NOT NULL, `records` int NOT NULL, PRIMARY KEY (`unitCode`, `lagDays`, `day`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_lag_month` (`unitCode` varchar(32) NOT NULL, `lagDays` int NOT NULL, `month` varchar(7) NOT NULL, `records` int NOT NULL, PRIMARY KEY (`unitCode`, `lagDays`, `month`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_lag_bucket_day` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `bucket` int NOT NULL, `records` int NOT NULL, PRIMARY KEY (`day`, `unitCode`, `bucket`)) ENGINE=InnoDB',
    );
    await q.query(
      'CREATE TABLE `unit_lag_bucket_month` (`month` varchar(7) NOT NULL, `unitCode` varchar(32) NOT NULL, `bucket` int NOT NULL, `records` int NOT NULL, PRIMARY KEY (`month`, `unitCode`, `bucket`)) ENGINE=InnoDB',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unit_lag_bucket_month', 'unit_lag_bucket_day', 'unit_lag_month', 'unit_lag_day'])
      await q.query(`DROP TABLE \`${t}\``);
    await q.query(
      'CREATE TABLE `unit_day_lag` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `chunk` int NOT NULL, `histogram` text NOT NULL, PRIMARY KEY (`day`, `unitCode`, `chunk`)) ENGINE=InnoDB',
    );
  }
}
