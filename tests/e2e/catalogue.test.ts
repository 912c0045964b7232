import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

// records and reports read the domain catalogue from entities through the shared catalogue cache:
// platform-wide on Redis (REDIS_URL), asked on every use in memory. Either way a change in entities
// must take effect on the very next request.
let p: Platform;
let lead: string;
let unit: string;
const DEMO_SUBJECT = '91520100210000754L';
let subject: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, reports], { SEED_DEMO: 'true' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  subject = await tokenFor({ role: 'SUBJECT', creditCode: DEMO_SUBJECT });
});
afterAll(() => p.stop());

const run = `${process.pid}${Date.now().toString(36)}`;
let serial = 60_000_000 + Math.floor(Math.random() * 1_000_000);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

function row() {
  serial += 11;
  return {
    decisionNumber: `黔市监罚〔C${run}〕${serial}号`,
    category: 'ADMINISTRATIVE_PENALTY',
    domainCode: 'D07',
    creditCode: makeCreditCode('91', '520100', serial),
    subjectName: `目录测试公司${serial}`,
    violationType: '虚假广告',
    facts: '经查属实',
    legalBasis: '《广告法》第五十五条',
    penaltyTypes: ['罚款'],
    penaltyContent: '罚款',
    fineAmount: '1000',
    decisionDate: daysAgo(10),
    decidingAuthority: '贵州省市场监督管理局',
    decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
    regionCode: '520100',
  };
}

const submitD07 = async () => {
  const r = await gql(
    p.gatewayUrl,
    'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { results { verdict reasons { field code } } } }',
    { r: [row()] },
    unit,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.submitRecords.results[0];
};

const issueD07 = () =>
  gql(
    p.gatewayUrl,
    'mutation($input: IssueReportInput!) { issueReport(input: $input) { number domains { code } } }',
    { input: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', domains: ['D07'] } },
    subject,
  );

const setD07Active = async (active: boolean) => {
  const r = await gql(
    p.gatewayUrl,
    'mutation($a: Boolean!) { setDomainActive(code: "D07", active: $a) { active } }',
    { a: active },
    lead,
  );
  expect(r.data!.setDomainActive.active).toBe(active);
};

describe('the domain catalogue across subgraphs', () => {
  it('applies a deactivated domain on the next submission and the next report, and a reactivation likewise', async () => {
    // Both readers hold a copy of the catalogue before the change.
    expect((await submitD07()).verdict).toBe('CREATED');
    const issued = await issueD07();
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueReport.domains).toEqual([{ code: 'D07' }]);

    await setD07Active(false);
    try {
      expect(await submitD07()).toEqual({
        verdict: 'REJECTED',
        reasons: [{ field: 'domainCode', code: 'INACTIVE_DOMAIN' }],
      });
      const refused = await issueD07();
      expect(errorCode(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].extensions!.field).toBe('input.domains[0]');
    } finally {
      await setD07Active(true);
    }
    expect((await submitD07()).verdict).toBe('CREATED');
    expect((await issueD07()).errors).toBeUndefined();
  });

  it("applies the register to a unit's very next submission: deactivation refuses it, a domain change narrows it", async () => {
    expect((await submitD07()).verdict).toBe('CREATED');
    const setUnit = (mutation: string) => gql(p.gatewayUrl, mutation, {}, lead);
    const off = await setUnit('mutation { setSourceUnitActive(code: "GZ-D07", active: false) { active } }');
    expect(off.data!.setSourceUnitActive.active).toBe(false);
    try {
      const refused = await gql(
        p.gatewayUrl,
        'mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created } }',
        { r: [row()] },
        unit,
      );
      expect(errorCode(refused)).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toContain('deactivated');
    } finally {
      await setUnit('mutation { setSourceUnitActive(code: "GZ-D07", active: true) { active } }');
    }
    expect((await submitD07()).verdict).toBe('CREATED');

    // The token still claims D07, but the register now gives the unit D14 only.
    await setUnit('mutation { changeSourceUnit(code: "GZ-D07", input: { domainCodes: ["D14"] }) { code } }');
    try {
      expect(await submitD07()).toEqual({
        verdict: 'REJECTED',
        reasons: [{ field: 'domainCode', code: 'DOMAIN_NOT_ALLOWED' }],
      });
    } finally {
      await setUnit('mutation { changeSourceUnit(code: "GZ-D07", input: { domainCodes: ["D07"] }) { code } }');
    }
    expect((await submitD07()).verdict).toBe('CREATED');
  });

  it('lists each source unit with its region and its own credit code', async () => {
    const r = await gql(p.gatewayUrl, '{ sourceUnits(domainCode: "D07") { code regionCode creditCode } }', {}, lead);
    const units = r.data!.sourceUnits as { code: string; regionCode: string; creditCode: string }[];
    expect(units.find((u) => u.code === 'GZ-520300-D07')).toMatchObject({ regionCode: '520300' });
    for (const u of units) expect(u.creditCode).toMatch(new RegExp(`^11${u.regionCode}`));
  });

  it("keeps the catalogue's history in the audit trail: an added domain, its deactivation, not a repeated one", async () => {
    const code = `D${500 + (process.pid % 400)}`;
    const added = await gql(
      p.gatewayUrl,
      'mutation($c: String!) { addDomain(input: { code: $c, nameZh: "审计测试领域", nameEn: "Audit test" }) { code } }',
      { c: code },
      lead,
    );
    expect(added.errors).toBeUndefined();
    const off = 'mutation($c: String!) { setDomainActive(code: $c, active: false) { active } }';
    expect((await gql(p.gatewayUrl, off, { c: code }, lead)).data!.setDomainActive.active).toBe(false);
    // Already inactive: nothing changes, nothing is written.
    expect((await gql(p.gatewayUrl, off, { c: code }, lead)).data!.setDomainActive.active).toBe(false);
    const trail = async (action: string) => {
      const r = await gql(
        p.gatewayUrl,
        'query($a: String!) { auditTrail(filter: { action: $a }) { entries { target role } } }',
        { a: action },
        lead,
      );
      return (r.data!.auditTrail.entries as { target: string; role: string }[]).filter((e) => e.target === code);
    };
    expect(await trail('domain.add')).toEqual([{ target: code, role: 'LEAD_DEPARTMENT' }]);
    expect(await trail('domain.deactivate')).toEqual([{ target: code, role: 'LEAD_DEPARTMENT' }]);
    const refused = await gql(p.gatewayUrl, off, { c: code }, unit);
    expect(refused.errors![0].extensions!.code).toBe('FORBIDDEN');
  });
});
