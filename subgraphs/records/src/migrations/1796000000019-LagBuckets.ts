import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The 30 positional counters of a lag row (LAG_BUCKET_DAYS when this migration was written). */
const counters = (prefix: 'l' | 'b') =>
  Array.from({ length: 30 }, (_, i) => `\`${prefix}${i}\` int NOT NULL DEFAULT 0`).join(', ');

/**
 * The lag tallies as additive rows of positional counters, per bucket of lags and per span of
 * buckets, by day and by month, instead of a JSON histogram per day (aggregates/unitTally.entity.ts).
 * The records service warns until `pnpm stats:rebuild` has filled them on a database that already
 * holds records.
 */
export class LagBuckets1796000000019 implements MigrationInterface {
  name = 'LagBuckets1796000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `unit_day_lag`');
    for (const [table, period, length] of [
      ['unit_lag_day', 'day', 10],
      ['unit_lag_month', 'month', 7],
    ] as const)
      await q.query(
        `CREATE TABLE \`${table}\` (\`unitCode\` varchar(32) NOT NULL, \`bucket\` int NOT NULL, \`${period}\` varchar(${length}) NOT NULL, ${counters('l')}, PRIMARY KEY (\`unitCode\`, \`bucket\`, \`${period}\`)) ENGINE=InnoDB`,
      );
    for (const [table, period, length] of [
      ['unit_lag_span_day', 'day', 10],
      ['unit_lag_span_month', 'month', 7],
    ] as const)
      await q.query(
        `CREATE TABLE \`${table}\` (\`${period}\` varchar(${length}) NOT NULL, \`unitCode\` varchar(32) NOT NULL, \`span\` int NOT NULL, ${counters('b')}, PRIMARY KEY (\`${period}\`, \`unitCode\`, \`span\`)) ENGINE=InnoDB`,
      );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['unit_lag_span_month', 'unit_lag_span_day', 'unit_lag_month', 'unit_lag_day'])
      await q.query(`DROP TABLE \`${t}\``);
    await q.query(
      'CREATE TABLE `unit_day_lag` (`day` varchar(10) NOT NULL, `unitCode` varchar(32) NOT NULL, `chunk` int NOT NULL, `histogram` text NOT NULL, PRIMARY KEY (`day`, `unitCode`, `chunk`)) ENGINE=InnoDB',
    );
  }
}
