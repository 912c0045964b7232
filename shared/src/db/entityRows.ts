import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity's rows read with plain SQL and hydrated column by column through the driver: the same
 * conversions and transformers TypeORM applies, without building each statement with the query
 * builder or running its entity transformer (the largest items of the hot reads' profiles).
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly make: () => T;
  /** The columns as `alias`.`column`, for `SELECT ${select} FROM ${table} alias …`. */
  readonly select: string;
  /** The escaped table name. */
  readonly table: string;

  constructor(
    private readonly db: DataSource,
    target: EntityTarget<T>,
    readonly alias: string,
    /** Which columns to read (all by default); the other properties stay absent. */
    keep: (c: ColumnMetadata) => boolean = () => true,
  ) {
    const meta = db.getMetadata(target);
    this.columns = meta.columns.filter(keep);
    this.make = () => meta.create() as T;
    this.select = this.columns.map((c) => `${alias}.\`${c.databaseName}\``).join(', ');
    this.table = db.driver.escape(meta.tableName);
  }

  hydrate(raw: Record<string, unknown>): T {
    const e = this.make() as Record<string, unknown>;
    for (const c of this.columns) e[c.propertyName] = this.db.driver.prepareHydratedValue(raw[c.databaseName], c);
    return e as T;
  }

  /** Rows matching `where` (SQL after WHERE, with its `?` parameters), from a replica where there is one. */
  async where(where: string, params: unknown[], from: 'replica' | 'primary' = 'replica'): Promise<T[]> {
    const raw = await readRows<Record<string, unknown>>(
      this.db,
      `SELECT ${this.select} FROM ${this.table} ${this.alias} WHERE ${where}`,
      params,
      from,
    );
    return raw.map((r) => this.hydrate(r));
  }
}

/** One read statement on a pooled connection: a replica's with DB_REPLICA_URLS unless `from` is 'primary'. */
export async function readRows<R>(
  db: DataSource,
  sql: string,
  params: unknown[],
  from: 'replica' | 'primary' = 'replica',
): Promise<R[]> {
  const runner = db.createQueryRunner(from === 'primary' ? 'master' : 'slave');
  try {
    return (await runner.query(sql, params)) as R[];
  } finally {
    await runner.release();
  }
}

/** `?, ?, ?` for n parameters. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
