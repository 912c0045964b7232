import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chinaDate, makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

// A partner province's key, trusted by this platform for recognition.
const partner = generateKeyPairSync('ed25519');
const PARTNER_KID = '510000-2026-e2e';
const keysDir = mkdtempSync(join(tmpdir(), 'partner-keys-'));
const trustedFile = join(keysDir, 'trusted.json');
writeFileSync(
  trustedFile,
  JSON.stringify({
    keys: [{ ...(partner.publicKey.export({ format: 'jwk' }) as object), kid: PARTNER_KID, province: '510000' }],
  }),
);

let p: Platform;
let lead: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, reports, objections], {
    SEED_DEMO: 'false',
    TRUSTED_PARTNER_KEYS_FILE: trustedFile,
  });
  await registerSourceUnits(p, ['GZ-D07', 'GZ-520100-D07']);
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  const up = await gql(
    p.gatewayUrl,
    'mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created rejected } }',
    { s: [SUBJECT] },
    lead,
  );
  expect(up.data!.upsertSubjects).toEqual({ created: 1, rejected: 0 });
});
afterAll(() => p.stop());

const run = Date.now() % 1_000_000;
const SUBJECT = {
  creditCode: makeCreditCode('91', '520100', 83_000_000 + run),
  name: `登记簿测试建材有限公司${run}`,
  regionCode: '520100',
};
const owner = () => tokenFor({ role: 'SUBJECT', creditCode: SUBJECT.creditCode });
const setActive = async (code: string, active: boolean) => {
  const r = await gql(
    p.gatewayUrl,
    'mutation($c: String!, $a: Boolean!) { setSourceUnitActive(code: $c, active: $a) { active } }',
    { c: code, a: active },
    lead,
  );
  expect(r.errors).toBeUndefined();
};

describe('the source-unit register decides in objections too', () => {
  it('refuses a deactivated unit acting on an objection routed to it, and lets it act once reactivated', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const submitted = await gql(
      p.gatewayUrl,
      `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { results { verdict recordId } } }`,
      {
        r: [
          {
            decisionNumber: `黔市监罚〔R${run}〕1号`,
            category: 'ADMINISTRATIVE_PENALTY',
            domainCode: 'D07',
            creditCode: SUBJECT.creditCode,
            subjectName: SUBJECT.name,
            subjectType: 'LEGAL_ENTITY',
            violationType: '虚假广告',
            facts: '经查属实',
            legalBasis: '《广告法》第五十五条',
            penaltyTypes: ['罚款'],
            penaltyContent: '罚款1000元',
            fineAmount: '1000',
            decisionDate: '2025-06-01',
            decidingAuthority: '贵州省市场监督管理局',
            decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
            regionCode: '520100',
          },
        ],
      },
      unit,
    );
    expect(submitted.errors).toBeUndefined();
    const recordId = submitted.data!.submitRecords.results[0].recordId;
    const filed = await gql(
      p.gatewayUrl,
      'mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id } }',
      { i: { recordId, reason: '罚款金额与处罚决定书不一致', type: 'RECORD_ERROR' } },
      await owner(),
    );
    const id = filed.data!.fileObjection.id;
    const accepted = await gql(
      p.gatewayUrl,
      'mutation($id: ID!) { acceptObjection(id: $id) { unitCode } }',
      { id },
      lead,
    );
    expect(accepted.data!.acceptObjection.unitCode).toBe('GZ-D07');

    const START = 'mutation($id: ID!) { startObjectionReview(id: $id) { status } }';
    await setActive('GZ-D07', false);
    const refused = await gql(p.gatewayUrl, START, { id }, unit);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect(refused.errors![0].message).toContain('GZ-D07 is deactivated in the register of source units');
    // A token for a unit the register does not hold at all.
    const ghost = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D41', domains: ['D41'] });
    expect((await gql(p.gatewayUrl, START, { id }, ghost)).errors![0].message).toContain('not in the register');

    await setActive('GZ-D07', true);
    expect((await gql(p.gatewayUrl, START, { id }, unit)).data!.startObjectionReview.status).toBe('UNDER_REVIEW');
  });

  it('refuses a deactivated unit replying to a 应替未替 complaint forwarded to it', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] });
    const filed = await gql(
      p.gatewayUrl,
      'mutation($i: FileFeedbackInput!) { fileFeedback(input: $i) { feedback { id } } }',
      {
        i: {
          kind: 'CERTIFICATE_STILL_DEMANDED',
          content: '窗口仍要求提供无违法违规记录证明',
          office: { name: '贵阳市某区政务服务中心', supervisingUnitCode: 'GZ-520100-D07' },
          matter: '食品经营许可变更',
          demandedOn: chinaDate(),
        },
      },
      await owner(),
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileFeedback.feedback.id;
    const forwarded = await gql(
      p.gatewayUrl,
      'mutation($i: ForwardFeedbackInput!) { forwardFeedback(input: $i) { status } }',
      { i: { id } },
      lead,
    );
    expect(forwarded.data!.forwardFeedback.status).toBe('FORWARDED');
    const REPLY = 'mutation($i: UnitReplyInput!) { replyToFeedback(input: $i) { status } }';
    const reply = { i: { id, reply: '已督促窗口改正', rectified: true } };
    await setActive('GZ-520100-D07', false);
    expect(errorCode(await gql(p.gatewayUrl, REPLY, reply, unit))).toBe('FORBIDDEN');
    await setActive('GZ-520100-D07', true);
    expect((await gql(p.gatewayUrl, REPLY, reply, unit)).data!.replyToFeedback.status).toBe('UNIT_REPLIED');
  });
});

describe('a catalogue code names the matter of a 应替未替 complaint', () => {
  it('fills the matter from the substitution catalogue, and needs it for a code the catalogue lacks', async () => {
    const code = `LIC-E2E-${run}`;
    const defined = await gql(
      p.gatewayUrl,
      `mutation($i: DefineSubstitutionMatterInput!) { defineSubstitutionMatter(input: $i) { code name } }`,
      {
        i: {
          code,
          name: '食品经营许可（登记簿测试）',
          scenario: 'ADMINISTRATIVE_APPROVAL',
          domainCodes: ['D07'],
          acceptingOfficeType: '政务服务中心',
          legalBasis: '《食品经营许可和备案管理办法》',
        },
      },
      lead,
    );
    expect(defined.errors).toBeUndefined();
    const FILE = 'mutation($i: FileFeedbackInput!) { fileFeedback(input: $i) { feedback { matter matterCode } } }';
    const complaint = (matterCode: string) => ({
      kind: 'CERTIFICATE_STILL_DEMANDED',
      content: '办理许可时仍被要求提供证明',
      office: { name: '贵阳市某区市场监管局窗口' },
      matterCode,
      demandedOn: chinaDate(),
    });
    const named = await gql(p.gatewayUrl, FILE, { i: complaint(code.toLowerCase()) }, await owner());
    expect(named.errors).toBeUndefined();
    expect(named.data!.fileFeedback.feedback).toEqual({ matter: '食品经营许可（登记簿测试）', matterCode: code });

    const unknown = await gql(p.gatewayUrl, FILE, { i: complaint('NO-SUCH-MATTER') }, await owner());
    expect(unknown.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.matter' });
  });
});

describe("an operator's token channel binds what it issues", () => {
  it('refuses a SERVICE_WINDOW operator issuing as a SELF_SERVICE_TERMINAL, naming the channel field', async () => {
    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'window-e2e-1', channel: 'SERVICE_WINDOW' });
    const ISSUE = 'mutation($i: IssueReportInput!) { issueReport(input: $i) { number channel } }';
    const input = (channel: string) => ({
      creditCode: SUBJECT.creditCode,
      scenario: 'ADMINISTRATIVE_APPROVAL',
      channel,
    });
    const refused = await gql(p.gatewayUrl, ISSUE, { i: input('SELF_SERVICE_TERMINAL') }, operator);
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.channel',
      tokenChannel: 'SERVICE_WINDOW',
    });
    expect(refused.data?.issueReport ?? null).toBeNull();
    const atWindow = {
      ...input('SERVICE_WINDOW'),
      windowAuthorization: {
        basis: 'LEGAL_REPRESENTATIVE',
        personName: '张三',
        idDocumentType: 'RESIDENT_ID_CARD',
        idDocumentNumber: '520102198503151238',
      },
    };
    const issued = await gql(p.gatewayUrl, ISSUE, { i: atWindow }, operator);
    expect(issued.errors).toBeUndefined();
    expect(issued.data!.issueReport.channel).toBe('SERVICE_WINDOW');
  });
});

describe('recognising another province’s report checks the name against the register', () => {
  const document = (name: string, number: string) => {
    const snapshot = JSON.stringify({
      number,
      issuer: { province: '510000' },
      subject: { creditCode: SUBJECT.creditCode, name },
      period: { from: '2022-01-01', to: '2026-12-01' },
    });
    const signature = sign(null, Buffer.from(snapshot, 'utf8'), partner.privateKey).toString('base64url');
    return JSON.stringify({ kid: PARTNER_KID, signature, snapshot });
  };
  const RECOGNIZE = `mutation($d: String!) { recognizeExternalReport(document: $d) {
    recognized problem warnings { code field registeredName message } } }`;

  it('warns NAME_MISMATCH when the report names the subject otherwise, and not when only bracket widths differ', async () => {
    const other = await gql(p.gatewayUrl, RECOGNIZE, { d: document('四川别名贸易有限公司', `SC-${run}-1`) }, lead);
    expect(other.errors).toBeUndefined();
    expect(other.data!.recognizeExternalReport).toMatchObject({ recognized: true, problem: null });
    expect(other.data!.recognizeExternalReport.warnings).toEqual([
      {
        code: 'NAME_MISMATCH',
        field: 'subjectName',
        registeredName: SUBJECT.name,
        message: expect.stringContaining('四川别名贸易有限公司'),
      },
    ]);
    const same = await gql(p.gatewayUrl, RECOGNIZE, { d: document(` ${SUBJECT.name} `, `SC-${run}-2`) }, lead);
    expect(same.data!.recognizeExternalReport).toMatchObject({ recognized: true, warnings: [] });
  });

  it('is open to a report user (partner) and recorded as its act; a subject may not recognise', async () => {
    const partnerId = `gy-bank-${run}`;
    const bank = await tokenFor({ role: 'PARTNER', partnerId, province: '520000' });
    const r = await gql(p.gatewayUrl, RECOGNIZE, { d: document(SUBJECT.name, `SC-${run}-3`) }, bank);
    expect(r.errors).toBeUndefined();
    expect(r.data!.recognizeExternalReport).toMatchObject({ recognized: true, problem: null, warnings: [] });
    const trail = await gql(
      p.gatewayUrl,
      'query($c: String!) { subject(creditCode: $c) { accessLog(first: 20, filter: { actions: ["report.recognize"] }) { edges { node { actor } } } } }',
      { c: SUBJECT.creditCode },
      await owner(),
    );
    expect(trail.data!.subject.accessLog.edges.map((e: { node: { actor: string } }) => e.node.actor)).toContain(
      `partner:520000/${partnerId}`,
    );
    const bySubject = await gql(p.gatewayUrl, RECOGNIZE, { d: document(SUBJECT.name, `SC-${run}-4`) }, await owner());
    expect(errorCode(bySubject)).toBe('FORBIDDEN');
  });
});
