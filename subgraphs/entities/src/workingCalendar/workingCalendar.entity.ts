import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** One year of the working-day calendar (工作日历): the current version of its holidays and make-up working days. */
@Entity('working_calendar_year')
export class WorkingCalendarYearEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  /** Public holidays (放假), sorted YYYY-MM-DD; a year has some thirty, read whole. */
  @Column({ type: 'simple-json' })
  holidays: string[];

  /** Weekend days worked instead (调休上班), sorted YYYY-MM-DD. */
  @Column({ type: 'simple-json' })
  makeupWorkdays: string[];

  /** The State Council notice the arrangement comes from, e.g. 国办发明电〔2025〕7号. */
  @Column({ type: 'varchar', length: 100 })
  notice: string;

  /** 1 when first set, +1 per change: the revision table keeps every version. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 120 })
  setBy: string;

  @Column({ type: 'datetime', precision: 6 })
  setAt: Date;
}

/** One version of a calendar year as it was set (append-only by use). */
@Entity('working_calendar_revision')
@Index('ux_working_calendar_revision', ['year', 'version'], { unique: true })
export class WorkingCalendarRevisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 26 })
  id: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'simple-json' })
  holidays: string[];

  @Column({ type: 'simple-json' })
  makeupWorkdays: string[];

  @Column({ type: 'varchar', length: 100 })
  notice: string;

  @Column({ type: 'varchar', length: 120 })
  setBy: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  setAt: Date;
}
