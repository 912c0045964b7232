import type { DataSource } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { RecordEntity } from './record.entity';

/**
 * Reads whole record rows with plain SQL and hydrates them column by column through the driver
 * (the same conversions and transformers TypeORM applies to entities). The hot reads (histories,
 * report snapshots) use it: building each statement with the query builder and TypeORM's entity
 * transformer were the largest items of their profiles.
 */
export class RecordRows {
  private readonly columns: ColumnMetadata[];
  /** Every column of `violation_record` as alias `r` (`SELECT ${select} FROM violation_record r …`). */
  readonly select: string;

  constructor(private readonly db: DataSource) {
    this.columns = db.getMetadata(RecordEntity).columns;
    this.select = this.columns.map((c) => `r.\`${c.databaseName}\``).join(', ');
  }

  /** A read: with DB_REPLICA_URLS it goes to a replica unless `from` is 'primary' (and to the primary without). */
  async read<T>(sql: string, params: unknown[], from: 'replica' | 'primary' = 'replica'): Promise<T[]> {
    const runner = this.db.createQueryRunner(from === 'primary' ? 'master' : 'slave');
    try {
      return (await runner.query(sql, params)) as T[];
    } finally {
      await runner.release();
    }
  }

  hydrate(raw: Record<string, unknown>): RecordEntity {
    const e = new RecordEntity() as unknown as Record<string, unknown>;
    for (const c of this.columns) e[c.propertyName] = this.db.driver.prepareHydratedValue(raw[c.databaseName], c);
    return e as unknown as RecordEntity;
  }

  /** Whole rows of `violation_record r` matching `where` (SQL after WHERE, with its `?` parameters). */
  async rows(where: string, params: unknown[], from: 'replica' | 'primary' = 'replica'): Promise<RecordEntity[]> {
    const raw = await this.read<Record<string, unknown>>(
      `SELECT ${this.select} FROM \`violation_record\` r WHERE ${where}`,
      params,
      from,
    );
    return raw.map((r) => this.hydrate(r));
  }
}
