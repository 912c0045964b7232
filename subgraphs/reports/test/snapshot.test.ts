import { snapshotSubject, sourceRecord } from './sourceRecord';
import { buildSnapshot, ReportChannel, ReportScenario, type SourceRecord } from '../src/report/snapshot';

const record = sourceRecord;

const snapshotOf = (records: SourceRecord[]) =>
  buildSnapshot({
    number: 'GZ2026112600000042X',
    issuedAt: new Date('2026-11-26T02:00:00Z'),
    issuer: { province: '520000', name: '全国信用信息共享平台（贵州）' },
    scenario: ReportScenario.BIDDING_PROCUREMENT,
    channel: ReportChannel.WEBSITE,
    period: { from: '2021-11-27', to: '2026-11-26', coverageFrom: '2021-11-27', requiredByReportUser: null },
    subject: snapshotSubject,
    domains: [
      { code: 'D07', nameZh: '市场监管' },
      { code: 'D14', nameZh: '税务' },
    ],
    records,
  });

describe('what a snapshot may show', () => {
  it('never shows a lawful non-punishment, even one records still holds', () => {
    const s = snapshotOf([
      record({ id: 'R1', domainCode: 'D14', penaltyContent: '不予行政处罚（首违不罚）', fineAmount: null }),
      record({ id: 'R2', penaltyContent: '免予处罚', fineAmount: null }),
      record({ id: 'R3' }),
      // The decision after the reasons, as 处罚类别 其他 rows word it (the field observation).
      record({ id: 'R4', penaltyContent: '经研究，决定不予行政处罚', fineAmount: null }),
    ]);
    const [d07, d14] = s.domains;
    expect(d07.records.map((r) => r.id)).toEqual(['R3']);
    expect(d07.outcome).toBe('HAS_RECORDS');
    expect(d14).toMatchObject({ outcome: 'NO_RECORD', records: [] });
  });

  it('keeps a record whose category punishes although its content reads 不予行政处罚: the whole row decides, as in records', () => {
    const s = snapshotOf([
      record({ id: 'R5', penaltyTypes: ['警告'], penaltyContent: '不予行政处罚', fineAmount: null }),
      record({ id: 'R6', penaltyTypes: ['其他'], penaltyContent: '依法不予行政处罚', fineAmount: null }),
    ]);
    expect(s.domains[0].records.map((r) => r.id)).toEqual(['R5']);
  });

  it('keeps a penalty whose text mentions non-punishment but which fined the subject', () => {
    const s = snapshotOf([record({ penaltyContent: '不予处罚部分事项，罚款人民币5000元' })]);
    expect(s.domains[0].outcome).toBe('HAS_RECORDS');
  });
});
