import type { SnapshotSubject, SourceRecord } from '../src/report/snapshot';

/** A record as records' internal API hands it to a snapshot; override any field. */
export const sourceRecord = (over: Partial<SourceRecord>): SourceRecord => ({
  id: 'R1',
  domainCode: 'D07',
  category: 'ADMINISTRATIVE_PENALTY',
  simplifiedProcedure: false,
  decisionNumber: '黔市监罚〔2025〕12号',
  decisionDate: '2025-03-01',
  decidingAuthority: '贵阳市市场监督管理局',
  facts: '销售不合格产品',
  penaltyTypes: [],
  penaltyContent: '罚款人民币5000元',
  fineAmount: '5000.00',
  confiscatedAmount: null,
  licenceAction: null,
  status: 'EFFECTIVE',
  repaired: false,
  repairedAt: null,
  underObjection: false,
  ...over,
});

/** The subject of the snapshot tests: an enterprise whose representative is printed unmasked to its owner. */
export const snapshotSubject: SnapshotSubject = {
  creditCode: '91520000214434146R',
  name: '贵州云岭建材有限公司',
  kind: 'ENTERPRISE',
  regionCode: '520100',
  legalRepresentative: '王建国',
  registrationAuthority: null,
  status: 'ACTIVE',
};
