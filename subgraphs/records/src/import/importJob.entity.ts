import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

export type ImportJobStatus = 'RUNNING' | 'DONE' | 'FAILED';

/**
 * A file a unit uploaded through the gateway (`POST /imports`), imported by the same importer as
 * `pnpm import:records`. Kept in the database, not in a records process's memory: with several
 * records replicas behind one URL the page's next poll may reach another one, and the outcome
 * outlives a restart.
 */
@Entity('import_job')
@Index('ix_import_job_unit_started', ['unitCode', 'startedAt'])
export class ImportJobEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  unitCode: string;

  @Column({ type: 'varchar', length: 80 })
  actor: string;

  @Column({ type: 'varchar', length: 200 })
  fileName: string;

  @Column({ type: 'varchar', length: 8 })
  format: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  encoding: string | null;

  @Column({ type: 'varchar', length: 8 })
  status: ImportJobStatus;

  /** Rows in the file (0 until the first reading is done). */
  @Column({ type: 'int', default: 0 })
  total: number;

  /** Rows written so far (committed batches). */
  @Column({ type: 'int', default: 0 })
  rows: number;

  @Column({ type: 'int', default: 0 })
  created: number;

  @Column({ type: 'int', default: 0 })
  updated: number;

  @Column({ type: 'int', default: 0 })
  unchanged: number;

  @Column({ type: 'int', default: 0 })
  excluded: number;

  @Column({ type: 'int', default: 0 })
  rejected: number;

  @Column({ type: 'int', default: 0 })
  regionDefaulted: number;

  /** JSON array: columns of the file the importer does not know (ignored). */
  @Column({ type: 'text', nullable: true })
  unknownColumns: string | null;

  /** JSON array: the file's header row, for the rejects file (CSV and workbooks). */
  @Column({ type: 'text', nullable: true })
  header: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  errorCode: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  errorMessage: string | null;

  @Column({ type: 'datetime', precision: 6 })
  startedAt: Date;

  /** Moves with every batch: a RUNNING job that stops moving was cut off (a records restart). */
  @Column({ type: 'datetime', precision: 6 })
  updatedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  finishedAt: Date | null;
}

/** One refused row of an import job: the source row's cells and why, for its rejects file. */
@Entity('import_reject')
@Index('ix_import_reject_job_line', ['jobId', 'line'])
export class ImportRejectEntity {
  // int: valid with AUTOINCREMENT on SQLite and on MySQL.
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 36 })
  jobId: string;

  @Column({ type: 'int' })
  line: number;

  /** JSON array of the row's cells (JSON Lines: the line's text). */
  @Column({ type: 'text' })
  cells: string;

  /** JSON array of { field, code, text }. */
  @Column({ type: 'text' })
  reasons: string;
}
