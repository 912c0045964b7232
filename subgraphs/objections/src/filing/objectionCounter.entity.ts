import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Last objection number issued per year; incremented inside the filing transaction. */
@Entity('objection_counter')
export class ObjectionCounterEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  lastNumber: number;
}
