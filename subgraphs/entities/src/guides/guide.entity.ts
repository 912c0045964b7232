import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The service guide (办事指南) of one channel, as published to the public. */
@Entity('service_guide')
export class ServiceGuideEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 1000 })
  summary: string;

  /** Ordered steps of the operating procedure (操作流程). */
  @Column({ type: 'simple-json' })
  steps: string[];

  /** What to bring or have ready (所需材料). */
  @Column({ type: 'simple-json' })
  materials: string[];

  /** Where and when (地址、网址、时间). */
  @Column({ type: 'varchar', length: 500 })
  access: string;

  @Column({ type: 'varchar', length: 200 })
  contact: string;

  @Column({ type: 'int' })
  version: number;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}
