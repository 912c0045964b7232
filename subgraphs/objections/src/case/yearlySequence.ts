import type { EntityManager } from 'typeorm';

/** A per-year counter table (objection numbers, complaint numbers): one row per year. */
export interface YearCounter {
  year: number;
  lastNumber: number;
}

/**
 * Next number of the year in `counter`, inside the caller's transaction; the row lock (MySQL) or
 * the write lock (SQLite) serialises concurrent filings.
 */
export async function nextYearlySequence(
  tx: EntityManager,
  counter: new () => YearCounter,
  year: number,
): Promise<number> {
  const bump = () =>
    tx
      .createQueryBuilder()
      .update(counter)
      .set({ lastNumber: () => 'lastNumber + 1' })
      .where('year = :year', { year })
      .execute();
  // The update first: an INSERT IGNORE of the existing row takes a shared lock on MySQL, and two
  // filings upgrading their shared locks to update the row deadlock. Only a year's first filing inserts.
  if ((await bump()).affected !== 1) {
    await tx.createQueryBuilder().insert().into(counter).values({ year, lastNumber: 0 }).orIgnore().execute();
    await bump();
  }
  return (await tx.getRepository(counter).findOneByOrFail({ year })).lastNumber;
}
