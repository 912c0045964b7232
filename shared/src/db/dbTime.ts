import { isMysql } from './database';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * A timestamp as a query parameter: TypeORM stores SQLite datetimes as UTC text
 * (`2026-03-02 08:00:00.000`), which better-sqlite3 cannot bind from a Date; mysql2 binds Dates
 * itself (timezone 'Z').
 */
export function dbTime(db: DataSource | EntityManager, at: Date): Date | string {
  const ds = 'connection' in db ? db.connection : db;
  if (isMysql(ds)) return at;
  return at.toISOString().replace('T', ' ').replace('Z', '');
}
