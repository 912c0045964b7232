import type { DataSource } from 'typeorm';
import { isMysql } from '@credit/shared';

/** Decisions are dated in China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3600_000;

export const FIRST_RECORD_DATE = '2020-01-01';

export function isIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** Today's calendar date in Guizhou. */
export const chinaDate = (at: Date = new Date()): string =>
  new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);

/** The instant a Guizhou calendar day starts. */
export const startOfChinaDay = (date: string): Date =>
  new Date(new Date(`${date}T00:00:00Z`).getTime() - CST_OFFSET_MS);

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(date: string, years: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

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
