import { touches, type CoveringReport } from './affectedReports';
import { RecordChangeKind, type RecordChangeInput } from './recordChange.inputs';

const report: CoveringReport = {
  number: 'GZ2026120100000001A',
  creditCode: '91520100MA6DKXXX0X',
  domainCodes: ['D01', 'D07'],
  periodFrom: '2022-01-01',
  periodTo: '2026-11-30',
  issuedAt: new Date('2026-12-01T02:00:00Z'),
};
const change = (over: Partial<RecordChangeInput> = {}): RecordChangeInput => ({
  recordId: '01J0000000000000000000000A',
  version: 2,
  kind: RecordChangeKind.CORRECTED,
  at: '2026-12-03T02:00:00Z',
  creditCode: report.creditCode,
  domainCode: 'D07',
  decisionDate: '2025-06-01',
  decisionNumber: '黔市监罚〔2025〕1号',
  ...over,
});

describe('which issued reports a record change touches', () => {
  it('touches a report of the same subject, domain and period, changed after issuance', () => {
    expect(touches(report, change())).toBe(true);
    expect(touches(report, change({ decisionDate: report.periodFrom }))).toBe(true);
    expect(touches(report, change({ decisionDate: report.periodTo }))).toBe(true);
  });

  it('leaves alone another subject, another domain, a date outside the period, a change before issuance', () => {
    expect(touches(report, change({ creditCode: '915201007095874437' }))).toBe(false);
    expect(touches(report, change({ domainCode: 'D02' }))).toBe(false);
    expect(touches(report, change({ decisionDate: '2021-12-31' }))).toBe(false);
    expect(touches(report, change({ decisionDate: '2026-12-01' }))).toBe(false);
    expect(touches(report, change({ at: '2026-12-01T01:59:59Z' }))).toBe(false);
  });

  it('touches the report a correction moves a record out of', () => {
    const moved = change({ domainCode: 'D02', previousDomainCode: 'D07', previousDecisionDate: '2025-06-01' });
    expect(touches(report, moved)).toBe(true);
    const outOfPeriod = change({ decisionDate: '2019-01-01', previousDecisionDate: '2025-06-01' });
    expect(touches(report, outOfPeriod)).toBe(true);
  });
});
