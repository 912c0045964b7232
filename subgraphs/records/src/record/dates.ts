import type { DataSource } from 'typeorm';
import { chinaDate, isMysql } from '@credit/shared';

/** Whole days from a decision date to the (Guizhou) day it was submitted. */
export function lagDays(decisionDate: string, submittedAt: Date): number {
  const a = new Date(`${decisionDate}T00:00:00Z`).getTime();
  const b = new Date(`${chinaDate(submittedAt)}T00:00:00Z`).getTime();
  return Math.round((b - a) / 86_400_000);
}

/**
 * A timestamp as a query parameter: SQLite keeps datetimes as UTC text, which better-sqlite3
 * cannot bind from a Date; mysql2 binds Dates itself (timezone 'Z').
 */
export function dbTimestamp(db: DataSource, at: Date): Date | string {
  if (isMysql(db)) return at;
  return at.toISOString().replace('T', ' ').replace('Z', '');
}
