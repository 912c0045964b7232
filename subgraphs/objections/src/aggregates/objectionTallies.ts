import { addToTally, bulkInsert, type Progress } from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { ObjectionEntity } from '../objection/objection.entity';
import { currentDueDate, isDueProvisional } from '../workflow/deadlines';
import { ObjectionHandlingTallyEntity, ObjectionTallyEntity } from './objectionTally.entity';

/** The fields of an objection that decide where it is counted. */
export type Tallied = Pick<
  ObjectionEntity,
  'filedMonth' | 'status' | 'type' | 'unitCode' | 'acceptDueOn' | 'reviewDueOn' | 'dueProvisional' | 'handlingMinutes'
>;

const countRow = (o: Tallied, n: number) =>
  Object.assign(new ObjectionTallyEntity(), {
    filedMonth: o.filedMonth,
    status: o.status,
    type: o.type,
    unitCode: o.unitCode,
    // A provisional due day is never overdue: counted as no due day until its year is set.
    dueOn: (isDueProvisional(o) ? null : currentDueDate(o)) ?? '',
    objections: n,
  });

const handlingRow = (o: Tallied, n: number) =>
  Object.assign(new ObjectionHandlingTallyEntity(), {
    filedMonth: o.filedMonth,
    handlingMinutes: Number(o.handlingMinutes),
    objections: n,
  });

/**
 * In the write's transaction: the objection leaves the key of `before` (none when just filed) and
 * joins the key of `after`. Counters go down as well as up, so a row may hold 0 (read as absent).
 */
export async function moveInTallies(tx: EntityManager, before: Tallied | null, after: Tallied): Promise<void> {
  const counts = [countRow(after, 1)];
  const handling = after.handlingMinutes === null ? [] : [handlingRow(after, 1)];
  if (before) {
    counts.push(countRow(before, -1));
    if (before.handlingMinutes !== null) handling.push(handlingRow(before, -1));
  }
  await addToTally(
    tx,
    ObjectionTallyEntity,
    merged(counts, (r) => JSON.stringify([r.filedMonth, r.status, r.type, r.unitCode, r.dueOn])),
  );
  await addToTally(
    tx,
    ObjectionHandlingTallyEntity,
    merged(handling, (r) => `${r.filedMonth}/${r.handlingMinutes}`),
  );
}

/** Rows of one key summed (an unchanged key nets to 0 and is left alone). */
function merged<T extends { objections: number }>(rows: T[], key: (r: T) => string): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const seen = out.get(k);
    if (seen) seen.objections += r.objections;
    else out.set(k, { ...r });
  }
  return [...out.values()].filter((r) => r.objections !== 0);
}

/** Objections stored but no tally: a database migrated from before the tallies, not yet rebuilt. */
export async function objectionTalliesMissing(db: DataSource): Promise<boolean> {
  if ((await db.getRepository(ObjectionTallyEntity).find({ take: 1 })).length) return false;
  return (await db.getRepository(ObjectionEntity).find({ select: { id: true }, take: 1 })).length > 0;
}

const PAGE = 5000;

/** Both tallies computed from the objections, read a page at a time (by id). */
async function fromObjections(m: EntityManager, progress: Progress) {
  const total = await m.getRepository(ObjectionEntity).count();
  const counts = new Map<string, ObjectionTallyEntity>();
  const handling = new Map<string, ObjectionHandlingTallyEntity>();
  let after = '';
  let done = 0;
  for (;;) {
    const page = await m
      .getRepository(ObjectionEntity)
      .createQueryBuilder('o')
      .select([
        'o.id',
        'o.filedMonth',
        'o.status',
        'o.type',
        'o.unitCode',
        'o.acceptDueOn',
        'o.reviewDueOn',
        'o.dueProvisional',
        'o.handlingMinutes',
      ])
      .where('o.id > :after', { after })
      .orderBy('o.id', 'ASC')
      .take(PAGE)
      .getMany();
    for (const o of page) {
      const c = countRow(o, 1);
      const ck = keyOfCount(c);
      const seen = counts.get(ck);
      if (seen) seen.objections += 1;
      else counts.set(ck, c);
      if (o.handlingMinutes === null) continue;
      const h = handlingRow(o, 1);
      const hk = keyOfHandling(h);
      const hs = handling.get(hk);
      if (hs) hs.objections += 1;
      else handling.set(hk, h);
    }
    done += page.length;
    progress(done, total);
    if (page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  return { counts: [...counts.values()], handling: [...handling.values()] };
}

const keyOfCount = (r: ObjectionTallyEntity) => `${r.filedMonth}/${r.status}/${r.type}/${r.unitCode}/${r.dueOn}`;
const keyOfHandling = (r: ObjectionHandlingTallyEntity) => `${r.filedMonth}/${Number(r.handlingMinutes)}`;

/** Recomputes both tallies from the objections in one transaction (readers see the old ones until the commit). */
export function rebuildObjectionTallies(db: DataSource, progress: Progress = () => {}): Promise<{ rows: number }> {
  return db.transaction(async (tx) => {
    const { counts, handling } = await fromObjections(tx, progress);
    await tx.createQueryBuilder().delete().from(ObjectionTallyEntity).execute();
    await tx.createQueryBuilder().delete().from(ObjectionHandlingTallyEntity).execute();
    await bulkInsert(tx, ObjectionTallyEntity, counts);
    await bulkInsert(tx, ObjectionHandlingTallyEntity, handling);
    return { rows: counts.length + handling.length };
  });
}

export interface ObjectionTallyDrift {
  table: string;
  key: string;
  stored: number;
  expected: number;
}

/** Where the stored tallies differ from the objections (empty: they agree; a stored 0 equals no row). */
export async function checkObjectionTallies(
  db: DataSource,
  progress: Progress = () => {},
): Promise<ObjectionTallyDrift[]> {
  const { counts, handling } = await fromObjections(db.manager, progress);
  const drifts: ObjectionTallyDrift[] = [];
  const compare = <T extends { objections: number }>(
    table: string,
    stored: T[],
    expected: T[],
    key: (r: T) => string,
  ) => {
    const want = new Map(expected.map((r) => [key(r), Number(r.objections)]));
    for (const s of stored) {
      const k = key(s);
      const e = want.get(k) ?? 0;
      want.delete(k);
      if (Number(s.objections) !== e) drifts.push({ table, key: k, stored: Number(s.objections), expected: e });
    }
    for (const [k, e] of want) drifts.push({ table, key: k, stored: 0, expected: e });
  };
  compare('objection_tally', await db.getRepository(ObjectionTallyEntity).find(), counts, keyOfCount);
  compare(
    'objection_handling_tally',
    await db.getRepository(ObjectionHandlingTallyEntity).find(),
    handling,
    keyOfHandling,
  );
  return drifts;
}
