import {
  actorOf,
  auditAct,
  chinaDate,
  conflict,
  lastKnownDay,
  newUlid,
  NO_CATALOGUE_CHANGES,
  notFound,
  SHIPPED_CALENDAR_YEARS,
  type CatalogueChanges,
  type ServiceContext,
} from '@credit/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { checkCalendarYear } from './calendarYearValidation';
import { WorkingCalendarRevisionEntity, WorkingCalendarYearEntity } from './workingCalendar.entity';
import { WorkingCalendarCoverage, WorkingCalendarRevision, WorkingCalendarYear } from './workingCalendar.type';

/** Fewer days than this known ahead: /health warns and the lead department's console shows a banner. */
export const CALENDAR_WARNING_DAYS = 60;
const SHIPPED_BY = 'system:shipped-calendar';
const DAY_MS = 86_400_000;

/**
 * The working-day calendar's home: per year the holidays and make-up working days and the notice
 * they come from. The lead department sets a year; each change is a new version with its revision
 * and an audit row in one transaction, published as a catalogue change so that objections counts
 * deadlines with it from its next request.
 */
export class WorkingCalendarService {
  constructor(
    private readonly db: DataSource,
    private readonly changes: CatalogueChanges = NO_CATALOGUE_CHANGES,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async years(): Promise<WorkingCalendarYear[]> {
    const rows = await this.db.getRepository(WorkingCalendarYearEntity).find({ order: { year: 'ASC' } });
    return rows.map(toYear);
  }

  async year(year: number): Promise<WorkingCalendarYear> {
    const row = await this.db.getRepository(WorkingCalendarYearEntity).findOneBy({ year });
    if (!row) throw notFound('working calendar year', String(year));
    return toYear(row);
  }

  async history(year: number): Promise<WorkingCalendarRevision[]> {
    const rows = await this.db
      .getRepository(WorkingCalendarRevisionEntity)
      .find({ where: { year }, order: { version: 'DESC' } });
    return rows.map((r) => Object.assign(new WorkingCalendarRevision(), toYear(r), { setBy: r.setBy }));
  }

  async coverage(): Promise<WorkingCalendarCoverage> {
    const rows = await this.db.getRepository(WorkingCalendarYearEntity).find({ select: { year: true } });
    const knownYears = rows.map((r) => r.year).sort((a, b) => a - b);
    const knownThrough = lastKnownDay(knownYears);
    const today = chinaDate(this.clock());
    const daysKnownAhead = knownThrough
      ? Math.max(0, Math.round((Date.parse(knownThrough) - Date.parse(today)) / DAY_MS))
      : 0;
    return Object.assign(new WorkingCalendarCoverage(), {
      knownYears,
      knownThrough,
      daysKnownAhead,
      short: daysKnownAhead < CALENDAR_WARNING_DAYS,
    });
  }

  async set(
    ctx: ServiceContext,
    rawYear: number,
    holidays: string[],
    makeupWorkdays: string[],
    notice: string,
  ): Promise<WorkingCalendarYear> {
    const wanted = checkCalendarYear(rawYear, holidays, makeupWorkdays, notice);
    let changed = false;
    const saved = await this.db.transaction(async (tx) => {
      const repo = tx.getRepository(WorkingCalendarYearEntity);
      // Locked, so that two setters' versions are numbered one after the other.
      const row = await repo.findOne({ where: { year: wanted.year }, lock: lockFor(tx) });
      if (
        row &&
        row.notice === wanted.notice &&
        JSON.stringify(row.holidays) === JSON.stringify(wanted.holidays) &&
        JSON.stringify(row.makeupWorkdays) === JSON.stringify(wanted.makeupWorkdays)
      )
        return row; // The same arrangement again is no new version.
      changed = true;
      const version = (row?.version ?? 0) + 1;
      const values = { ...wanted, version, setBy: actorOf(ctx.principal), setAt: this.clock() };
      if (row) await repo.update({ year: wanted.year }, values);
      else await insertYear(tx, values);
      await tx.getRepository(WorkingCalendarRevisionEntity).insert({ id: newUlid(), ...values });
      await auditAct(tx, ctx, {
        action: 'workingCalendar.set',
        target: `${wanted.year} v${version} ${wanted.notice} holidays=${wanted.holidays.length} makeup=${wanted.makeupWorkdays.length}`,
      });
      return repo.findOneByOrFail({ year: wanted.year });
    });
    if (changed) await this.changes.publish();
    return toYear(saved);
  }

  /** Seeds the years shipped with the code that the table does not have yet (never overwrites a set year). */
  async ensureShippedYears(): Promise<number[]> {
    const added: number[] = [];
    for (const y of SHIPPED_CALENDAR_YEARS) {
      const values = { ...checkCalendarYear(y.year, y.holidays, y.makeupWorkdays, y.notice), version: 1 };
      const inserted = await this.db.transaction(async (tx) => {
        if (await tx.getRepository(WorkingCalendarYearEntity).existsBy({ year: y.year })) return false;
        const row = { ...values, setBy: SHIPPED_BY, setAt: this.clock() };
        await insertYear(tx, row);
        await tx.getRepository(WorkingCalendarRevisionEntity).insert({ id: newUlid(), ...row });
        return true;
      });
      if (inserted) added.push(y.year);
    }
    if (added.length) await this.changes.publish();
    return added;
  }
}

async function insertYear(tx: EntityManager, values: Omit<WorkingCalendarYearEntity, never>): Promise<void> {
  try {
    await tx.getRepository(WorkingCalendarYearEntity).insert(values);
  } catch (err) {
    if (/duplicate|unique/i.test((err as Error).message))
      throw conflict(`working calendar ${values.year} was set at the same time; try again`, { field: 'year' });
    throw err;
  }
}

const toYear = (r: WorkingCalendarYearEntity | WorkingCalendarRevisionEntity): WorkingCalendarYear =>
  Object.assign(new WorkingCalendarYear(), {
    year: r.year,
    holidays: r.holidays,
    makeupWorkdays: r.makeupWorkdays,
    notice: r.notice,
    version: r.version,
    setAt: r.setAt.toISOString(),
  });

/** SQLite serialises writers itself and has no row locks. */
const lockFor = (tx: EntityManager) =>
  tx.connection.options.type === 'better-sqlite3' ? undefined : ({ mode: 'pessimistic_write' } as const);
