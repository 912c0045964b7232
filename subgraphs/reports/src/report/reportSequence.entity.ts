import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One counter row per China-local day: the last number any process has reserved (see SequenceBlocks). */
@Entity('report_sequence')
export class ReportSequenceEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  day: string;

  @Column({ type: 'int' })
  lastSeq: number;
}
