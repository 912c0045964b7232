import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only record of who read or changed whose data. Each service keeps its own table
 * (a subgraph never writes another's database); nothing updates or deletes these rows.
 */
@Entity('audit_log')
@Index('ix_audit_subject_at', ['subjectCode', 'at'])
@Index('ix_audit_at', ['at'])
export class AuditEntry {
  // int keeps one definition valid on SQLite (AUTOINCREMENT needs INTEGER) and MySQL; partition or
  // archive the table by month long before 2^31 rows.
  @PrimaryGeneratedColumn()
  id: number;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  at: Date;

  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'varchar', length: 20 })
  role: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 18, nullable: true })
  subjectCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  target: string | null;

  @Column({ type: 'varchar', length: 128 })
  requestId: string;
}
