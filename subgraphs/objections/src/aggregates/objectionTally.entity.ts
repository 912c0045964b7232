import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Objections counted per (filing month, status, type, unit, due day of the current step): the
 * statistics filter by filing month, and the due day answers "overdue today" for any today ('' once
 * decided). A transition moves one objection from its old key to its new one (see objectionTallies.ts).
 */
@Entity('objection_tally')
export class ObjectionTallyEntity {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  filedMonth: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  status: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  type: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  unitCode: string;

  /** YYYY-MM-DD; '' when no step is waiting. */
  @PrimaryColumn({ type: 'varchar', length: 10 })
  dueOn: string;

  @Column({ type: 'int' })
  objections: number;
}

/** Decided objections per (filing month, handling minutes): the exact median without the objections. */
@Entity('objection_handling_tally')
export class ObjectionHandlingTallyEntity {
  @PrimaryColumn({ type: 'varchar', length: 7 })
  filedMonth: string;

  @PrimaryColumn({ type: 'int' })
  handlingMinutes: number;

  @Column({ type: 'int' })
  objections: number;
}
