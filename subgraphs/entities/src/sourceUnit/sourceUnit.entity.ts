import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A data source unit (数据源单位): the body that produces records in some domains. */
@Entity('source_unit')
@Index('ix_source_unit_region', ['regionCode'])
export class SourceUnitEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 6 })
  regionCode: string;

  /** Domain codes the unit may report; a short list, read whole, so a JSON text column suffices. */
  @Column({ type: 'simple-json' })
  domainCodes: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** The unit's own unified social credit code; null for units registered before it was asked. */
  @Column({ type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}
