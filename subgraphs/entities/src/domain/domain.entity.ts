import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One of the report's domains (适用领域). Deactivated, never deleted: old reports name it. */
@Entity('domain')
export class DomainEntity {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  nameZh: string;

  @Column({ type: 'varchar', length: 200 })
  nameEn: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int' })
  sortOrder: number;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'datetime', precision: 6 })
  updatedAt: Date;
}
