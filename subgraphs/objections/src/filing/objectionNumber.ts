/** GZYY-2026-000042: 贵州异议, year, sequence within the year. */
export const formatNumber = (year: number, seq: number): string => `GZYY-${year}-${String(seq).padStart(6, '0')}`;
