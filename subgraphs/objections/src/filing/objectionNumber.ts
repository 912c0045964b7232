/** Objection numbers: GZYY-2026-000042 (贵州异议, year, sequence within the year). */
export const OBJECTION_NUMBER_PREFIX = 'GZYY';
