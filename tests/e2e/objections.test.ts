import { makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import type { ObjectionsApp } from '@credit/objections';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

let p: Platform;
let lead: string;
let unit: string;
beforeAll(async () => {
  p = await startPlatform([entities, records, reports, objections], { SEED_DEMO: 'false', OUTBOX_POLL_MS: '200' });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
});
afterAll(() => p.stop());

/** Delivers the objections outbox now (tests do not wait on the worker's timer). */
const drain = () => (p.subgraphs.objections.app as ObjectionsApp).drainOutbox();

const run = Date.now() % 1_000_000;
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);
const company = (i: number) => ({
  creditCode: makeCreditCode('91', '520100', 80_000_000 + run * 10 + i),
  kind: 'ENTERPRISE',
  name: `异议测试建材有限公司${run}-${i}`,
  legalRepresentative: '王建国',
  regionCode: '520100',
  registrationAuthority: '贵阳市市场监督管理局',
  establishedOn: '2015-06-01',
  status: 'ACTIVE',
});
const A = company(1);
const B = company(2);

const record = (subject: typeof A, n: number) => ({
  decisionNumber: `黔市监罚〔O${run}〕${n}号`,
  category: 'ADMINISTRATIVE_PENALTY',
  domainCode: 'D07',
  creditCode: subject.creditCode,
  subjectName: subject.name,
  subjectType: 'LEGAL_ENTITY',
  violationType: '虚假广告',
  facts: '经查属实',
  legalBasis: '《广告法》第五十五条',
  penaltyTypes: ['罚款'],
  penaltyContent: '罚款1000元',
  fineAmount: '1000',
  decisionDate: daysAgo(30 + n),
  decidingAuthority: '贵州省市场监督管理局',
  decidingAuthorityCode: makeCreditCode('11', '520000', 11_200_000),
  regionCode: '520100',
});

const FIELDS =
  'id number status unitCode dueDate reviewDueDate pendingEffects correction { applied recordVersion } timeline { action role }';
const FILE = `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { ${FIELDS} } }`;
const ACCEPT = `mutation($id: ID!) { acceptObjection(id: $id) { ${FIELDS} } }`;
const START = `mutation($id: ID!) { startObjectionReview(id: $id) { ${FIELDS} } }`;
const RESOLVE = `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { ${FIELDS} } }`;
const RECORD_VIEW = `query($id: ID!) { violationRecord(id: $id) { id fineAmount penaltyContent underObjection version
  revisions { seq action objectionId } objections { number status explanation correction { applied } } } }`;

/** Record ids of a subject's records, newest decision first. */
async function recordIdsOf(subject: typeof A): Promise<string[]> {
  const r = await gql(
    p.gatewayUrl,
    `query($c: String!) { subject(creditCode: $c) { records(first: 20) { edges { node { id decisionNumber } } } } }`,
    { c: subject.creditCode },
    await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }),
  );
  expect(r.errors).toBeUndefined();
  return r.data!.subject.records.edges.map((e: any) => e.node.id);
}

async function toReview(subject: typeof A, recordId: string) {
  const owner = await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode });
  const filed = await gql(
    p.gatewayUrl,
    FILE,
    { input: { recordId, reason: '罚款金额与处罚决定书不一致', type: 'RECORD_ERROR' } },
    owner,
  );
  expect(filed.errors).toBeUndefined();
  const id = filed.data!.fileObjection.id;
  const accepted = await gql(p.gatewayUrl, ACCEPT, { id }, lead);
  expect(accepted.data!.acceptObjection).toMatchObject({ status: 'FORWARDED', unitCode: 'GZ-D07' });
  expect((await gql(p.gatewayUrl, START, { id }, unit)).data!.startObjectionReview.status).toBe('UNDER_REVIEW');
  return { id, owner, number: filed.data!.fileObjection.number as string };
}

const uphold = (id: string) =>
  gql(
    p.gatewayUrl,
    RESOLVE,
    {
      input: {
        id,
        outcome: 'UPHELD',
        explanation: '经核查，罚款金额应为500元，已更正',
        correction: {
          action: 'CORRECT',
          reason: '异议成立：罚款金额录入错误',
          changes: { fineAmount: '500.00', penaltyContent: '罚款500元' },
        },
      },
    },
    unit,
  );

describe('objections through the gateway', () => {
  let aRecords: string[];
  let bRecords: string[];

  beforeAll(async () => {
    const up = await gql(
      p.gatewayUrl,
      `mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created rejected } }`,
      { s: [A, B] },
      lead,
    );
    expect(up.data!.upsertSubjects).toEqual({ created: 2, rejected: 0 });
    // No demo data here: the unit is registered as the lead department would.
    await registerSourceUnits(p, ['GZ-D07']);
    const sub = await gql(
      p.gatewayUrl,
      `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { created rejected } }`,
      { r: [record(A, 1), record(A, 2), record(B, 3)] },
      unit,
    );
    expect(sub.data!.submitRecords).toMatchObject({ created: 3, rejected: 0 });
    aRecords = await recordIdsOf(A);
    bRecords = await recordIdsOf(B);
    expect(aRecords).toHaveLength(2);
  });

  it("refuses an objection on another subject's record", async () => {
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: A.creditCode });
    const r = await gql(p.gatewayUrl, FILE, { input: { recordId: bRecords[0], reason: '不是我的' } }, owner);
    expect(errorCode(r)).toBe('FORBIDDEN');
    const mine = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { objections { number } } }`,
      { c: A.creditCode },
      owner,
    );
    expect(mine.data!.subject.objections).toEqual([]);
  });

  it('files, accepts, upholds with a correction; the record history shows the revision linked to the objection and a new report reflects it', async () => {
    const recordId = aRecords[0];
    const { id, owner, number } = await toReview(A, recordId);
    await drain();
    const flagged = await gql(p.gatewayUrl, RECORD_VIEW, { id: recordId }, owner);
    expect(flagged.data!.violationRecord).toMatchObject({
      underObjection: true,
      objections: [{ number, status: 'UNDER_REVIEW', correction: null }],
    });

    const upheld = await uphold(id);
    expect(upheld.errors).toBeUndefined();
    expect(upheld.data!.resolveObjection).toMatchObject({ status: 'UPHELD', correction: { applied: false } });
    await drain();

    const after = (await gql(p.gatewayUrl, RECORD_VIEW, { id: recordId }, owner)).data!.violationRecord;
    expect(after).toMatchObject({ fineAmount: '500.00', penaltyContent: '罚款500元', underObjection: false });
    expect(after.revisions.filter((r: any) => r.objectionId === id).map((r: any) => r.action)).toEqual([
      'OBJECTION_OPENED',
      'CORRECTED',
      'OBJECTION_CLOSED',
    ]);
    expect(after.objections).toEqual([
      { number, status: 'UPHELD', explanation: '经核查，罚款金额应为500元，已更正', correction: { applied: true } },
    ]);

    // The applicant's feedback: status, explanation and result on Subject.objections and objection(id).
    const feedback = await gql(
      p.gatewayUrl,
      `query($c: String!, $id: ID!) {
      subject(creditCode: $c) { objections { number status explanation correction { applied recordVersion } record { fineAmount } } }
      objection(id: $id) { status dueDate timeline { action } } }`,
      { c: A.creditCode, id },
      owner,
    );
    expect(feedback.errors).toBeUndefined();
    expect(feedback.data!.subject.objections[0]).toMatchObject({
      number,
      status: 'UPHELD',
      correction: {
        applied: true,
        recordVersion: after.revisions.find((r: any) => r.objectionId === id && r.action === 'CORRECTED').seq,
      },
      record: { fineAmount: '500.00' },
    });
    expect(feedback.data!.objection.timeline.map((e: any) => e.action)).toEqual([
      'FILE',
      'ACCEPT',
      'FORWARD',
      'START_REVIEW',
      'UPHOLD',
      'CORRECTION_APPLIED',
    ]);

    const report = await gql(
      p.gatewayUrl,
      `mutation($input: IssueReportInput!) { issueReport(input: $input) { number domains { code outcome records { id penaltyContent } } } }`,
      { input: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
      owner,
    );
    expect(report.errors).toBeUndefined();
    const d07 = report.data!.issueReport.domains.find((d: any) => d.code === 'D07');
    expect(d07.records.find((r: any) => r.id === recordId)).toEqual({ id: recordId, penaltyContent: '罚款500元' });

    const closed = await gql(p.gatewayUrl, `mutation($id: ID!) { closeObjection(id: $id) { status } }`, { id }, owner);
    expect(closed.data!.closeObjection.status).toBe('CLOSED');
    const illegal = await gql(p.gatewayUrl, ACCEPT, { id }, lead);
    expect(errorCode(illegal)).toBe('CONFLICT');
    expect(illegal.errors![0].extensions!.currentState).toBe('CLOSED');
  });

  it("keeps an upheld correction: the unit's routine re-send of the old row is refused and counted, the record untouched", async () => {
    const recordId = aRecords[0];
    const resend = await gql(
      p.gatewayUrl,
      `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { updated rejected results { verdict recordId reasons { field code message } } } }`,
      { r: [record(A, 1)] },
      unit,
    );
    expect(resend.errors).toBeUndefined();
    const [row] = resend.data!.submitRecords.results;
    expect(row).toMatchObject({ verdict: 'REJECTED', recordId });
    expect(row.reasons[0]).toMatchObject({ code: 'CORRECTED_BY_OBJECTION' });
    expect(['fineAmount', 'penaltyContent']).toContain(row.reasons[0].field);
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: A.creditCode });
    const objection = (await gql(p.gatewayUrl, RECORD_VIEW, { id: recordId }, owner)).data!.violationRecord;
    expect(objection).toMatchObject({ fineAmount: '500.00', penaltyContent: '罚款500元' });
    const upheldId = objection.revisions.find((r: any) => r.action === 'CORRECTED').objectionId;
    expect(row.reasons[0].message).toContain(upheldId);

    // A field the objection did not decide may still change through a submission.
    const facts = await gql(
      p.gatewayUrl,
      `mutation($r: [RecordInput!]!) { submitRecords(records: $r) { updated rejected } }`,
      { r: [{ ...record(A, 1), fineAmount: '500.00', penaltyContent: '罚款500元', facts: '经查属实，补充说明' }] },
      unit,
    );
    expect(facts.data!.submitRecords).toEqual({ updated: 1, rejected: 0 });

    const today = daysAgo(0);
    const quality = await gql(
      p.gatewayUrl,
      `query($f: String!, $t: String!) { recordQuality(from: $f, to: $t, unitCode: "GZ-D07") { rejectedByReason { reason rows } } }`,
      { f: today, t: today },
      lead,
    );
    expect(quality.errors).toBeUndefined();
    expect(quality.data!.recordQuality[0].rejectedByReason).toContainEqual({
      reason: 'CORRECTED_BY_OBJECTION',
      rows: 1,
    });
  });

  it('loses no correction while records is down: it lands exactly once when records is back', async () => {
    const recordId = aRecords[1];
    const { id, owner } = await toReview(A, recordId);
    await p.stopSubgraph('records');
    try {
      const upheld = await uphold(id);
      expect(upheld.errors).toBeUndefined();
      expect(upheld.data!.resolveObjection.status).toBe('UPHELD');
      await drain();
      const waiting = await gql(
        p.gatewayUrl,
        '{ undeliveredObjectionEffects { objectionId kind status attempts } }',
        {},
        lead,
      );
      expect(waiting.data!.undeliveredObjectionEffects.filter((e: any) => e.objectionId === id)).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind: 'APPLY_CORRECTION', status: 'PENDING' })]),
      );
      const shown = await gql(
        p.gatewayUrl,
        `query($id: ID!) { objection(id: $id) { status pendingEffects correction { applied } } }`,
        { id },
        owner,
      );
      expect(shown.data!.objection).toMatchObject({ status: 'UPHELD', correction: { applied: false } });
      expect(shown.data!.objection.pendingEffects).toBeGreaterThanOrEqual(2);
    } finally {
      await p.restartSubgraph('records');
    }
    await drain();
    const corrected = async () => (await gql(p.gatewayUrl, RECORD_VIEW, { id: recordId }, owner)).data!.violationRecord;
    const after = await corrected();
    expect(after).toMatchObject({ fineAmount: '500.00', underObjection: false });
    expect(after.revisions.filter((r: any) => r.objectionId === id && r.action === 'CORRECTED')).toHaveLength(1);

    // A worker that died after records answered, before marking the row delivered, delivers it again: still once.
    const ds = p.subgraphs.objections.app.dataSource;
    await ds.query(
      `UPDATE objection_outbox SET status = 'PENDING', deliveredAt = NULL WHERE objectionId = ? AND kind = 'APPLY_CORRECTION'`,
      [id],
    );
    await drain();
    const again = await corrected();
    expect(again.revisions.filter((r: any) => r.objectionId === id && r.action === 'CORRECTED')).toHaveLength(1);
    expect(again.version).toBe(after.version);
  });
});
