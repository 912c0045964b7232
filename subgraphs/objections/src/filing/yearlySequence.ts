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
  await tx.createQueryBuilder().insert().into(counter).values({ year, lastNumber: 0 }).orIgnore().execute();
  await tx
    .createQueryBuilder()
    .update(counter)
    .set({ lastNumber: () => 'lastNumber + 1' })
    .where('year = :year', { year })
    .execute();
  return (await tx.getRepository(counter).findOneByOrFail({ year })).lastNumber;
}
