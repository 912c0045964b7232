import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One step of an objection's timeline: append-only, written in the transaction of the step itself. */
@Entity('objection_event')
@Index('ux_objection_event_seq', ['objectionId', 'seq'], { unique: true })
export class ObjectionEventEntity {
  // int: AUTOINCREMENT on SQLite and MySQL alike; archive long before 2^31 events.
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 26 })
  objectionId: string;

  @Column({ type: 'int' })
  seq: number;

  /** An ObjectionAction, or CORRECTION_APPLIED when records confirmed the correction. */
  @Column({ type: 'varchar', length: 24 })
  action: string;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 16 })
  toStatus: string;

  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
