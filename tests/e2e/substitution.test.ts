import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, records, reports, startPlatform, type Platform } from '../platform';

// The substitution catalogue (应替尽替): owned by entities, public, edited by the lead department with
// a history; reports reads it to say what a report replaces and to propose a matter's domains.
let p: Platform;
let lead: string;
let analyst: string;
let subjectToken: string;
let base: string;
const serial = 71_000_000 + Math.floor(Math.random() * 1_000_000);
const subjectCode = makeCreditCode('91', '520100', serial);
const tag = `${process.pid % 1000}${Math.floor(Math.random() * 1000)}`;
const BID = `BID-E2E-${tag}`;
const BID_WIDE = `BID-WIDE-${tag}`;
const FIN = `FIN-E2E-${tag}`;

beforeAll(async () => {
  p = await startPlatform([entities, records, reports]);
  base = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  analyst = await tokenFor({ role: 'ANALYST' });
  subjectToken = await tokenFor({ role: 'SUBJECT', creditCode: subjectCode });
  const r = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }',
    {
      s: [{ creditCode: subjectCode, kind: 'ENTERPRISE', name: `替代测试建设有限公司${serial}`, regionCode: '520100' }],
    },
    lead,
  );
  expect(r.data?.upsertSubjects.created).toBe(1);
});
afterAll(() => p.stop());

const DEFINE = `mutation($i: DefineSubstitutionMatterInput!) { defineSubstitutionMatter(input: $i) {
  code name scenario domainCodes domains { code nameZh } acceptingOfficeType legalBasis active version } }`;
const CHANGE = `mutation($c: String!, $i: ChangeSubstitutionMatterInput!) { changeSubstitutionMatter(code: $c, input: $i) { code version domainCodes } }`;
const SET_ACTIVE = `mutation($c: String!, $a: Boolean!) { setSubstitutionMatterActive(code: $c, active: $a, reason: "e2e") { active version } }`;
const MATTERS = `query($s: ReportScenario, $d: String) { substitutionMatters(scenario: $s, domainCode: $d) { code scenario domainCodes } }`;
const HISTORY = `query($c: String!) { substitutionMatter(code: $c) { version history { version kind actor reason changes { field from to } } } }`;
const ISSUE = `mutation($i: IssueReportInput!) { issueReport(input: $i) { number verificationCode domains { code } } }`;
const VERIFY = `query($n: String!, $c: String!) { verifyReport(number: $n, verificationCode: $c) {
  authentic scenario substitutes { code name acceptingOfficeType replacedDomains missingDomains complete } } }`;

const matter = (over: Record<string, unknown> = {}) => ({
  code: BID,
  name: '房屋建筑和市政基础设施工程施工招标投标',
  scenario: 'BIDDING_PROCUREMENT',
  domainCodes: ['d14', 'D04', 'D07', 'D04'],
  acceptingOfficeType: '公共资源交易中心',
  legalBasis: '《中华人民共和国招标投标法实施条例》第三十四条',
  ...over,
});

describe('the substitution catalogue through the gateway', () => {
  it('is defined by the lead department only, validated, and readable by anyone without a token', async () => {
    const anonymousWrite = await gql(p.gatewayUrl, DEFINE, { i: matter() });
    expect(errorCode(anonymousWrite)).toBe('UNAUTHENTICATED');
    for (const token of [
      subjectToken,
      analyst,
      await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }),
    ])
      expect(errorCode(await gql(p.gatewayUrl, DEFINE, { i: matter() }, token))).toBe('FORBIDDEN');

    const unknown = await gql(p.gatewayUrl, DEFINE, { i: matter({ domainCodes: ['D07', 'D99'] }) }, lead);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].extensions!.field).toBe('input.domainCodes');
    const badCode = await gql(p.gatewayUrl, DEFINE, { i: matter({ code: 'bid 1' }) }, lead);
    expect(badCode.errors![0].extensions!.field).toBe('input.code');
    const noBasis = await gql(p.gatewayUrl, DEFINE, { i: matter({ legalBasis: '  ' }) }, lead);
    expect(noBasis.errors![0].extensions!.field).toBe('input.legalBasis');
    // Nothing of the refused attempts was stored.
    const none = await gql(p.gatewayUrl, MATTERS, {});
    expect(none.data!.substitutionMatters.map((m: { code: string }) => m.code)).not.toContain(BID);

    const defined = await gql(p.gatewayUrl, DEFINE, { i: matter() }, lead);
    expect(defined.errors).toBeUndefined();
    expect(defined.data!.defineSubstitutionMatter).toMatchObject({
      code: BID,
      version: 1,
      active: true,
      // Deduplicated, upper-cased, in the plan's order.
      domainCodes: ['D04', 'D07', 'D14'],
      domains: [{ code: 'D04', nameZh: '住房和城乡建设' }, { code: 'D07' }, { code: 'D14' }],
    });
    expect(errorCode(await gql(p.gatewayUrl, DEFINE, { i: matter() }, lead))).toBe('CONFLICT');
    const wide = await gql(
      p.gatewayUrl,
      DEFINE,
      { i: matter({ code: BID_WIDE, name: '水利工程招标投标', domainCodes: ['D07', 'D16'] }) },
      lead,
    );
    expect(wide.errors).toBeUndefined();
    const fin = await gql(
      p.gatewayUrl,
      DEFINE,
      {
        i: matter({
          code: FIN,
          name: '银行授信',
          scenario: 'FINANCING',
          domainCodes: ['D07'],
          acceptingOfficeType: '金融机构',
        }),
      },
      lead,
    );
    expect(fin.errors).toBeUndefined();

    // Public: no token, filtered by scenario and by domain.
    const bidding = await gql(p.gatewayUrl, MATTERS, { s: 'BIDDING_PROCUREMENT' });
    expect(bidding.errors).toBeUndefined();
    const codes = bidding.data!.substitutionMatters.map((m: { code: string }) => m.code);
    expect(codes).toEqual(expect.arrayContaining([BID, BID_WIDE]));
    expect(codes).not.toContain(FIN);
    const water = await gql(p.gatewayUrl, MATTERS, { d: 'D16' });
    expect(water.data!.substitutionMatters.map((m: { code: string }) => m.code)).toEqual([BID_WIDE]);
  });

  it('keeps a history of every change (who, what, when, why), audited; the history is not public', async () => {
    const unchanged = await gql(p.gatewayUrl, CHANGE, { c: BID, i: { acceptingOfficeType: '公共资源交易中心' } }, lead);
    expect(unchanged.data!.changeSubstitutionMatter.version).toBe(1);
    const changed = await gql(
      p.gatewayUrl,
      CHANGE,
      { c: BID, i: { domainCodes: ['D04', 'D07', 'D14', 'D11'], reason: '增加应急管理领域' } },
      lead,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data!.changeSubstitutionMatter).toMatchObject({
      version: 2,
      domainCodes: ['D04', 'D07', 'D11', 'D14'],
    });
    expect(errorCode(await gql(p.gatewayUrl, CHANGE, { c: 'NO-SUCH', i: { name: 'x' } }, lead))).toBe('NOT_FOUND');
    expect(errorCode(await gql(p.gatewayUrl, CHANGE, { c: BID, i: { reason: 'nothing' } }, lead))).toBe(
      'BAD_USER_INPUT',
    );

    const h = await gql(p.gatewayUrl, HISTORY, { c: BID }, analyst);
    expect(h.errors).toBeUndefined();
    const [latest, first] = h.data!.substitutionMatter.history;
    expect(latest).toMatchObject({ version: 2, kind: 'CHANGE', reason: '增加应急管理领域' });
    expect(latest.actor).toMatch(/^lead_department:/);
    expect(latest.changes).toEqual([
      { field: 'domainCodes', from: '["D04","D07","D14"]', to: '["D04","D07","D11","D14"]' },
    ]);
    expect(first).toMatchObject({ version: 1, kind: 'DEFINE' });
    expect(first.changes.find((c: { field: string }) => c.field === 'name')).toMatchObject({ from: null });

    const anonymousHistory = await gql(p.gatewayUrl, HISTORY, { c: BID });
    expect(anonymousHistory.errors).toBeDefined();
    expect(anonymousHistory.data?.substitutionMatter ?? null).toBeNull();

    const trail = await gql(
      p.gatewayUrl,
      'query { auditTrail(filter: { action: "substitution.change", first: 10 }) { entries { actor action target service } } }',
      {},
      lead,
    );
    expect(trail.data!.auditTrail.entries).toEqual(
      expect.arrayContaining([expect.objectContaining({ service: 'entities', target: `${BID} v2 domainCodes` })]),
    );
  });

  it("proposes a matter's domains at issuance, and verification names what the report replaces", async () => {
    const byMatter = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', matterCode: BID.toLowerCase() } },
      subjectToken,
    );
    expect(byMatter.errors).toBeUndefined();
    const report = byMatter.data!.issueReport;
    expect(report.domains.map((d: { code: string }) => d.code)).toEqual(['D04', 'D07', 'D11', 'D14']);

    const wrongScenario = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: { scenario: 'FINANCING', channel: 'WEBSITE', matterCode: BID } },
      subjectToken,
    );
    expect(wrongScenario.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.matterCode' });
    const unknown = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', matterCode: 'NO-SUCH-MATTER' } },
      subjectToken,
    );
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.matterCode' });
    // Domains given explicitly win over the matter's.
    const explicit = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', matterCode: BID, domains: ['D07'] } },
      subjectToken,
    );
    expect(explicit.data!.issueReport.domains).toEqual([{ code: 'D07' }]);
    const unknownWithDomains = await gql(
      p.gatewayUrl,
      ISSUE,
      { i: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', matterCode: 'NO-SUCH-MATTER', domains: ['D07'] } },
      subjectToken,
    );
    expect(unknownWithDomains.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.matterCode',
    });

    const v = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(v.errors).toBeUndefined();
    const subs = v.data!.verifyReport.substitutes;
    expect(subs.map((s: { code: string }) => s.code)).not.toContain(FIN);
    expect(subs.find((s: { code: string }) => s.code === BID)).toMatchObject({
      complete: true,
      replacedDomains: ['D04', 'D07', 'D11', 'D14'],
      missingDomains: [],
      acceptingOfficeType: '公共资源交易中心',
    });
    expect(subs.find((s: { code: string }) => s.code === BID_WIDE)).toMatchObject({
      complete: false,
      replacedDomains: ['D07'],
      missingDomains: ['D16'],
    });

    const json = await fetch(`${base}/verify?number=${report.number}&code=${report.verificationCode}&format=json`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { authentic: boolean; substitutes: { code: string; complete: boolean }[] };
    expect(body.authentic).toBe(true);
    expect(body.substitutes.find((s) => s.code === BID)?.complete).toBe(true);
    const page = await (await fetch(`${base}/verify?number=${report.number}&code=${report.verificationCode}`)).text();
    expect(page).toContain('本报告可替代：');
    expect(page).toContain('房屋建筑和市政基础设施工程施工招标投标');
    expect(page).toContain('该事项另需 D16 领域');

    // A withdrawn matter is no longer named, on the very next verification.
    const off = await gql(p.gatewayUrl, SET_ACTIVE, { c: BID_WIDE, a: false }, lead);
    expect(off.data!.setSubstitutionMatterActive).toEqual({ active: false, version: 2 });
    const again = await gql(p.gatewayUrl, VERIFY, { n: report.number, c: report.verificationCode });
    expect(again.data!.verifyReport.substitutes.map((s: { code: string }) => s.code)).not.toContain(BID_WIDE);
    expect(
      errorCode(
        await gql(
          p.gatewayUrl,
          ISSUE,
          { i: { scenario: 'BIDDING_PROCUREMENT', channel: 'WEBSITE', matterCode: BID_WIDE } },
          subjectToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });
});
