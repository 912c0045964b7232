import { startApp, usingMysql } from '@credit/shared/test';
import { DataSource } from 'typeorm';
import { createReportsApp, loadReportsEnv, type ReportsApp } from '../src';
import { ReportSequenceEntity } from '../src/report/reportSequence.entity';
import { SequenceBlocks } from '../src/report/sequenceBlocks';
import { createWriteQueue, type WriteQueue } from '../src/report/writeQueue';

// Only the schema is needed: nothing here calls entities or records.
let app: Awaited<ReturnType<typeof startApp<ReportsApp>>>;
let writes: WriteQueue;
beforeAll(async () => {
  app = await startApp<ReportsApp>((env) => createReportsApp(loadReportsEnv(env)), {});
  writes = createWriteQueue(usingMysql);
});
afterAll(() => app.stop());

const db = () => app.app.dataSource;
const lastSeq = async (day: string) => (await db().getRepository(ReportSequenceEntity).findOneBy({ day }))?.lastSeq;
// Days far from today, so that no other issuance in this schema shares their counters.
let dayCounter = 0;
const freshDay = () => `2099${String(101 + dayCounter++).padStart(4, '0')}`;

describe(`report sequence blocks on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('serves 40 concurrent callers in call order from shared reservations', async () => {
    const day = freshDay();
    const blocks = new SequenceBlocks(db(), writes, 10);
    const got = await Promise.all(Array.from({ length: 40 }, () => blocks.next(day)));
    expect(got).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Four blocks of ten: waiters shared each reservation instead of reserving one apiece.
    expect(await lastSeq(day)).toBe(40);
  });

  it('never hands out one number twice from two allocators sharing the database', async () => {
    const day = freshDay();
    // A second DataSource is a second process with its own pool; embedded SQLite is one process
    // with one connection, so there the two allocators share it (and its write queue).
    const other = usingMysql ? await new DataSource(db().options).initialize() : db();
    try {
      const a = new SequenceBlocks(db(), writes, 7);
      const b = new SequenceBlocks(other, usingMysql ? createWriteQueue(true) : writes, 7);
      const fromA: Promise<number>[] = [];
      const fromB: Promise<number>[] = [];
      for (let i = 0; i < 60; i++) {
        fromA.push(a.next(day));
        fromB.push(b.next(day));
      }
      const [numbersA, numbersB] = [await Promise.all(fromA), await Promise.all(fromB)];
      const all = [...numbersA, ...numbersB];
      expect(new Set(all).size).toBe(120);
      for (const own of [numbersA, numbersB]) {
        expect(own.every((n, i) => i === 0 || n > own[i - 1])).toBe(true);
      }
      expect(Math.max(...all)).toBeLessThanOrEqual((await lastSeq(day))!);
    } finally {
      if (other !== db()) await other.destroy();
    }
  });

  it('starts a fresh block on a new day and leaves the rest of the old one unused', async () => {
    const [today, tomorrow] = [freshDay(), freshDay()];
    const blocks = new SequenceBlocks(db(), writes, 5);
    expect([await blocks.next(today), await blocks.next(today)]).toEqual([1, 2]);
    expect(await blocks.next(tomorrow)).toBe(1);
    expect(await lastSeq(tomorrow)).toBe(5);
    // A straggler still issuing under yesterday's date reserves afresh: 3 to 5 become a gap.
    expect(await blocks.next(today)).toBe(6);
    expect(await lastSeq(today)).toBe(10);
  });

  it('fails the callers of a failed reservation and reserves again on the next call', async () => {
    const day = freshDay();
    let failures = 1;
    const flaky: WriteQueue = (fn) => (failures-- > 0 ? Promise.reject(new Error('connection lost')) : writes(fn));
    const blocks = new SequenceBlocks(db(), flaky, 10);
    const first = await Promise.allSettled([blocks.next(day), blocks.next(day)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await lastSeq(day)).toBeUndefined();
    expect(await blocks.next(day)).toBe(1);
  });
});
