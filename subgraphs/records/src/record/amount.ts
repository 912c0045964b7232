import { normaliseAmount } from '@credit/shared';
import type { ValueTransformer } from 'typeorm';

/**
 * `decimal(14,2)` reads back as a string on MySQL but as a number on SQLite (NUMERIC
 * affinity); this makes both "1234.50" so that re-submissions compare equal.
 */
export const amountTransformer: ValueTransformer = {
  to: (v: string | null | undefined) => v,
  from: (v: string | number | null) =>
    v === null || v === undefined ? null : typeof v === 'number' ? v.toFixed(2) : normaliseAmount(String(v)),
};

/** 万元 (ten-thousand yuan, the national 双公示 unit) -> yuan, exactly, by moving the point. */
export function wanToYuan(v: string): string | null {
  const m = /^(-?)(\d+)(?:\.(\d{0,6}))?$/.exec(v.trim());
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(6, '0');
  const yuan = `${BigInt(m[2] + frac.slice(0, 4)).toString()}.${frac.slice(4, 6)}`;
  return m[1] + yuan;
}
