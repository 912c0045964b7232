import { CREDIT_CODE_PREFIX, makeCreditCode } from '@credit/shared';

/**
 * Fifty enterprises with exactly the same records in every database `seed:large` fills, however
 * large. The benchmark reads their history to compare latency at 10 k and at 5 M records like for
 * like: same subjects, same rows, only the size of the tables around them differs.
 */
export const PROBE_SUBJECTS = 50;
export const PROBE_RECORDS_PER_SUBJECT = 30;
// Serials below the volume seed's (60,000,000 and up) and above the demo register's.
const PROBE_SERIAL_BASE = 59_000_000;

export interface ProbeSubject {
  creditCode: string;
  name: string;
  regionCode: string;
}

export function probeSubjects(): ProbeSubject[] {
  return Array.from({ length: PROBE_SUBJECTS }, (_, i) => ({
    creditCode: makeCreditCode(CREDIT_CODE_PREFIX.ENTERPRISE, '520100', PROBE_SERIAL_BASE + i),
    name: `贵州基准探针${i}有限公司`,
    regionCode: '520100',
  }));
}

/** Record k of probe subject i: thirty domains, spread over five years, every fifth repaired. */
export function probeRecord(i: number, k: number) {
  const domain = `D${String(1 + ((i + k * 7) % 43)).padStart(2, '0')}`;
  const month = (k * 2) % 60;
  const decisionDate = `${2021 + Math.floor(month / 12)}-${String(1 + (month % 12)).padStart(2, '0')}-${String(1 + ((i + k) % 28)).padStart(2, '0')}`;
  return {
    domain,
    decisionDate,
    repaired: k % 5 === 0,
    decisionNumber: `黔探针罚〔${decisionDate.slice(0, 4)}〕P${i}-${k}号`,
  };
}
