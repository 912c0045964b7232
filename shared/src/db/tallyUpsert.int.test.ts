import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dropTestSchemas, openTestDatabase, testEnv, usingMysql } from '../../test';
import { GroupedWrites } from './groupedWrites';
import { sqlStatements } from './statementCounter';
import { addToTally } from './tallyUpsert';

@Entity('test_day_tally')
class DayTally {
  @PrimaryColumn({ type: 'varchar', length: 10 }) day!: string;
  @PrimaryColumn({ type: 'varchar', length: 8 }) kind!: string;
  @Column({ type: 'int', default: 0 }) issued!: number;
  @Column({ type: 'int', default: 0 }) verified!: number;
}

const row = (day: string, kind: string, issued: number, verified: number) =>
  Object.assign(new DayTally(), { day, kind, issued, verified });

describe(`addToTally on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  const env = testEnv();
  let ds: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    ds = await openTestDatabase('tally', [DayTally], env);
  });
  afterAll(async () => {
    await ds.destroy();
    await dropTestSchemas(env);
  });

  const counts = async () =>
    Object.fromEntries(
      (await ds.getRepository(DayTally).find()).map((r) => [`${r.day}/${r.kind}`, [r.issued, r.verified]]),
    );

  it('sums rows of one key in one statement and adds them to the stored row', async () => {
    await addToTally(ds.manager, DayTally, [row('2026-12-01', 'A', 1, 0)]);
    const before = sqlStatements.total;
    await addToTally(ds.manager, DayTally, [
      row('2026-12-01', 'A', 0, 1),
      row('2026-12-01', 'B', 2, 0),
      row('2026-12-01', 'A', 3, 1),
    ]);
    expect(sqlStatements.total - before).toBe(1);
    expect(await counts()).toEqual({ '2026-12-01/A': [4, 2], '2026-12-01/B': [2, 0] });
  });

  it('counts every increment of concurrent grouped writers exactly, in far fewer statements', async () => {
    const grouped = new GroupedWrites<DayTally>((rows) => addToTally(ds.manager, DayTally, rows));
    const before = sqlStatements.total;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => grouped.add(row('2026-12-02', ['A', 'B', 'C'][i % 3], 0, 1))),
    );
    expect(sqlStatements.total - before).toBeLessThanOrEqual(2);
    const c = await counts();
    expect([c['2026-12-02/A'], c['2026-12-02/B'], c['2026-12-02/C']]).toEqual([
      [0, 14],
      [0, 13],
      [0, 13],
    ]);
  });
});
