import { makeCreditCode } from '@credit/shared';
import { gql, tokenFor } from '@credit/shared/test';
import { entities, records, registerSourceUnits, startPlatform, type Platform } from '../platform';

// The gateway's response cache: a subject's own history is served from cache until a write
// changes it; nobody else's reads are cached (they must reach the subgraphs to be audited).
let p: Platform;
let lead: string;
let unit: string;
let serial = 90_000_000 + Math.floor(Math.random() * 1_000_000);
beforeAll(async () => {
  p = await startPlatform([entities, records], { RESPONSE_CACHE: 'on' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  await registerSourceUnits(p, ['GZ-D07', 'GZ-D14']);
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
});
afterAll(() => p.stop());

const HISTORY = `query($c: String!) { subject(creditCode: $c) { name recordSummary { records repaired } records(first: 10) { edges { node { id status } } } } }`;
const SUBMIT = 'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { results { recordId verdict } } }';

async function subjectWithRecord() {
  serial += 11;
  const code = makeCreditCode('91', '520100', serial);
  await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    { s: [{ creditCode: code, kind: 'ENTERPRISE', name: `缓存测试有限公司${serial}`, regionCode: '520100' }] },
    lead,
  );
  const recordId = await submit(code);
  return { code, recordId, token: await tokenFor({ role: 'SUBJECT', creditCode: code }) };
}

async function submit(code: string): Promise<string> {
  serial += 1;
  const r = await gql(
    p.gatewayUrl,
    SUBMIT,
    {
      r: [
        {
          decisionNumber: `黔缓〔C〕${serial}号`,
          category: 'ADMINISTRATIVE_PENALTY',
          domainCode: 'D07',
          creditCode: code,
          subjectName: '缓存测试有限公司',
          violationType: '虚假宣传',
          facts: '经查属实',
          legalBasis: '相关法规',
          penaltyTypes: ['罚款'],
          penaltyContent: '罚款100元',
          fineAmount: '100',
          decisionDate: '2024-06-01',
          decidingAuthority: '贵阳市市场监督管理局',
          decidingAuthorityCode: makeCreditCode('11', '520100', 11_000_001),
          regionCode: '520100',
        },
      ],
    },
    unit,
  );
  return r.data!.submitRecords.results[0].recordId;
}

describe('gateway response cache', () => {
  it("serves an owner's repeated history read from cache, identical to the first answer", async () => {
    const s = await subjectWithRecord();
    const first = await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    const second = await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.data).toEqual(first.data);
    expect(first.data!.subject.recordSummary.records).toBe(1);
  });

  it('is invalidated by a record write: a new submission, then a repair, show at once', async () => {
    const s = await subjectWithRecord();
    await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    await submit(s.code);
    const afterSubmit = await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    expect(afterSubmit.headers.get('x-cache')).toBe('MISS');
    expect(afterSubmit.data!.subject.recordSummary).toEqual({ records: 2, repaired: 0 });

    await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { repairRecord(id: $id, basis: "已完成信用修复") { id } }',
      { id: s.recordId },
      unit,
    );
    const afterRepair = await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    expect(afterRepair.headers.get('x-cache')).toBe('MISS');
    expect(afterRepair.data!.subject.recordSummary).toEqual({ records: 2, repaired: 1 });
  });

  it('is invalidated when the lead department changes the subject', async () => {
    const s = await subjectWithRecord();
    await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    await gql(
      p.gatewayUrl,
      'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { updated } }',
      { s: [{ creditCode: s.code, kind: 'ENTERPRISE', name: '改名后的有限公司', regionCode: '520100' }] },
      lead,
    );
    const r = await gql(p.gatewayUrl, HISTORY, { c: s.code }, s.token);
    expect(r.data!.subject.name).toBe('改名后的有限公司');
  });

  it("never caches another principal's read, so every such read is audited", async () => {
    const s = await subjectWithRecord();
    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'cache-window' });
    const audits = async () =>
      Number(
        (
          await p.subgraphs.records.app.dataSource.query(
            "SELECT COUNT(*) AS n FROM audit_log WHERE actor = 'operator:cache-window' AND subjectCode = ?",
            [s.code],
          )
        )[0].n,
      );
    const before = await audits();
    for (let i = 0; i < 2; i++) {
      const r = await gql(p.gatewayUrl, HISTORY, { c: s.code }, operator);
      expect(r.headers.get('x-cache')).toBeNull();
    }
    expect(await audits()).toBeGreaterThanOrEqual(before + 2);
  });

  it('does not cache operations that read beyond profile and records', async () => {
    const s = await subjectWithRecord();
    const q = `query($c: String!) { subject(creditCode: $c) { name accessLog(first: 5) { entries { actor } } } }`;
    await gql(p.gatewayUrl, q, { c: s.code }, s.token);
    const again = await gql(p.gatewayUrl, q, { c: s.code }, s.token);
    expect(again.headers.get('x-cache')).toBeNull();
  });
});
