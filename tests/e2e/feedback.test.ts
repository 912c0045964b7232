import { AuditEntry, chinaDate, createLogger, makeCreditCode, Role } from '@credit/shared';
import { errorCode, gql, tokenFor } from '@credit/shared/test';
import { FeedbackEntity, FeedbackStatus, seedDemoFeedback, type ObjectionsApp } from '@credit/objections';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

let p: Platform;
let lead: string;
let unit: string;
let otherUnit: string;
const run = Date.now() % 1_000_000;
const SUBJECT = makeCreditCode('91', '520100', 81_000_000 + run);
const OTHER = makeCreditCode('91', '520300', 81_000_000 + run);

beforeAll(async () => {
  // A small anonymous budget: the last test spends it (every public door shares it).
  p = await startPlatform([entities, records, reports, objections], {
    SEED_DEMO: 'false',
    RATE_LIMIT_ANONYMOUS_PER_IP: '25',
  });
  await registerSourceUnits(p, [
    'GZ-520100-D07',
    'GZ-D07',
    'GZ-520300-D07',
    'GZ-520400-D07',
    'GZ-520500-D07',
    'GZ-520600-D07',
  ]);
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] });
  otherUnit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
});
afterAll(() => p.stop());

const FIELDS = `id number kind status creditCode anonymous dueDate overdue unitCode regionCode answer unitReply rectified
  dismissalReason endedAt contact { name phone email masked } timeline { seq action fromStatus toStatus role note }`;
const FILE = `mutation($input: FileFeedbackInput!) { fileFeedback(input: $input) { accessCode feedback { ${FIELDS} } } }`;
const GET = `query($id: ID!) { feedback(id: $id) { ${FIELDS} evidence { name contentType size } } }`;
const CASE = `query($n: String!, $c: String!) { feedbackCase(number: $n, accessCode: $c) { ${FIELDS} } }`;
const ANSWER = `mutation($id: ID!, $a: String!) { answerFeedback(id: $id, answer: $a) { ${FIELDS} } }`;
const FORWARD = `mutation($input: ForwardFeedbackInput!) { forwardFeedback(input: $input) { ${FIELDS} } }`;
const REPLY = `mutation($input: UnitReplyInput!) { replyToFeedback(input: $input) { ${FIELDS} } }`;
const CLOSE = `mutation($id: ID!, $f: String!) { closeFeedback(id: $id, feedbackToFiler: $f) { ${FIELDS} } }`;
const DISMISS = `mutation($id: ID!, $r: String!) { dismissFeedback(id: $id, reason: $r) { ${FIELDS} } }`;
const WITHDRAW = `mutation($id: ID!) { withdrawFeedback(id: $id) { ${FIELDS} } }`;
const OVERDUE = `query($u: String) { overdueFeedback(unitCode: $u) { number status dueDate overdue unitCode } }`;
const LIST = `query($f: FeedbackFilter) { feedbacks(filter: $f, first: 50) { edges { node { number kind status } } } }`;

const today = () => chinaDate();
const demand = (extra: Record<string, unknown> = {}) => ({
  kind: 'CERTIFICATE_STILL_DEMANDED',
  content: '投标时招标代理要求另行提供市场监管领域无违法违规记录证明，不认可专项信用报告',
  office: { name: '贵阳市某区公共资源交易中心', supervisingUnitCode: 'GZ-520100-D07' },
  matter: '政府采购投标资格审查',
  matterCode: 'BID-001',
  demandedOn: today(),
  ...extra,
});

async function file(input: Record<string, unknown>, token?: string) {
  const r = await gql(p.gatewayUrl, FILE, { input }, token);
  expect(r.errors).toBeUndefined();
  return r.data!.fileFeedback;
}

const subject = () => tokenFor({ role: 'SUBJECT', creditCode: SUBJECT });

describe('consultations and complaints through the gateway', () => {
  it('a 应替未替 complaint: filed by the subject, forwarded to the supervising unit, replied, closed with feedback; every step in the timeline and the audit log', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% 招标文件要求\n');
    const { feedback: f, accessCode } = await file(
      {
        ...demand(),
        evidence: [{ name: '招标文件.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }],
      },
      await subject(),
    );
    expect(accessCode).toBeNull();
    expect(f).toMatchObject({
      kind: 'CERTIFICATE_STILL_DEMANDED',
      status: 'SUBMITTED',
      creditCode: SUBJECT,
      anonymous: false,
      overdue: false,
    });
    expect(f.number).toMatch(/^GZTS-\d{4}-\d{6}$/);
    expect(f.dueDate > today()).toBe(true);

    // Not yet forwarded: the supervising unit cannot see it, nor act on it.
    expect(errorCode(await gql(p.gatewayUrl, GET, { id: f.id }, unit))).toBe('FORBIDDEN');
    expect(errorCode(await gql(p.gatewayUrl, ANSWER, { id: f.id, a: '已答复' }, lead))).toBe('CONFLICT');
    expect(errorCode(await gql(p.gatewayUrl, FORWARD, { input: { id: f.id } }, await subject()))).toBe('FORBIDDEN');
    const unknown = await gql(p.gatewayUrl, FORWARD, { input: { id: f.id, unitCode: 'GZ-NOPE' } }, lead);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.unitCode' });

    const fwd = await gql(p.gatewayUrl, FORWARD, { input: { id: f.id } }, lead);
    expect(fwd.errors).toBeUndefined();
    expect(fwd.data!.forwardFeedback).toMatchObject({
      status: 'FORWARDED',
      unitCode: 'GZ-520100-D07',
      regionCode: '520100',
    });

    expect(errorCode(await gql(p.gatewayUrl, GET, { id: f.id }, otherUnit))).toBe('FORBIDDEN');
    const wrongUnit = await gql(p.gatewayUrl, REPLY, { input: { id: f.id, reply: 'x', rectified: true } }, otherUnit);
    expect(errorCode(wrongUnit)).toBe('FORBIDDEN');
    const seen = await gql(p.gatewayUrl, GET, { id: f.id }, unit);
    expect(seen.data!.feedback.evidence).toEqual([
      { name: '招标文件.pdf', contentType: 'application/pdf', size: pdf.length },
    ]);

    const replied = await gql(
      p.gatewayUrl,
      REPLY,
      { input: { id: f.id, reply: '已约谈交易中心，责令改正，今后认可专项信用报告', rectified: true } },
      unit,
    );
    expect(replied.data!.replyToFeedback).toMatchObject({ status: 'UNIT_REPLIED', rectified: true });
    expect(errorCode(await gql(p.gatewayUrl, CLOSE, { id: f.id, f: '  ' }, lead))).toBe('BAD_USER_INPUT');
    const closed = await gql(
      p.gatewayUrl,
      CLOSE,
      { id: f.id, f: '经核查，交易中心已整改，今后认可专项信用报告' },
      lead,
    );
    expect(closed.data!.closeFeedback).toMatchObject({ status: 'CLOSED', dueDate: null, overdue: false });

    // The filer reads the outcome and the whole timeline.
    const mine = await gql(p.gatewayUrl, GET, { id: f.id }, await subject());
    expect(mine.data!.feedback.answer).toBe('经核查，交易中心已整改，今后认可专项信用报告');
    expect(mine.data!.feedback.timeline.map((e: any) => [e.action, e.toStatus, e.role])).toEqual([
      ['FILE', 'SUBMITTED', 'SUBJECT'],
      ['FORWARD', 'FORWARDED', 'LEAD_DEPARTMENT'],
      ['UNIT_REPLY', 'UNIT_REPLIED', 'SOURCE_UNIT'],
      ['CLOSE', 'CLOSED', 'LEAD_DEPARTMENT'],
    ]);
    const audited = await p.subgraphs.objections.app.dataSource
      .getRepository(AuditEntry)
      .find({ where: { target: f.number }, order: { id: 'ASC' } });
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'feedback.file',
        'feedback.forward',
        'feedback.unit_reply',
        'feedback.close',
        'feedback.read',
      ]),
    );
    // A closed case cannot be closed again.
    expect(errorCode(await gql(p.gatewayUrl, CLOSE, { id: f.id, f: '再次' }, lead))).toBe('CONFLICT');
  });

  it('anonymous filing needs contact details, returns an access code, and masks the contact for everyone but the lead department', async () => {
    const noContact = await gql(p.gatewayUrl, FILE, {
      input: { kind: 'CONSULTATION', content: '专项信用报告能否代替税务证明？' },
    });
    expect(noContact.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contact' });
    const badPhone = await gql(p.gatewayUrl, FILE, {
      input: { kind: 'CONSULTATION', content: '咨询', contact: { phone: '12345' } },
    });
    expect(badPhone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.contact.phone' });
    const naming = await gql(p.gatewayUrl, FILE, {
      input: { kind: 'CONSULTATION', content: '咨询', creditCode: SUBJECT, contact: { phone: '13808515678' } },
    });
    expect(naming.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });

    const { feedback: f, accessCode } = await file({
      kind: 'CONSULTATION',
      content: '专项信用报告能否代替税务领域的无违法违规证明？',
      contact: { name: '欧阳明华', phone: '138 0851 5678', email: 'Ouyang@Example.com' },
    });
    expect(accessCode).toMatch(/^[A-Z2-9]{12}$/);
    expect(f).toMatchObject({ anonymous: true, creditCode: null });
    expect(f.contact).toEqual({ name: '欧**华', phone: '138****5678', email: 'o***@example.com', masked: true });

    const byCode = await gql(p.gatewayUrl, CASE, { n: f.number, c: accessCode.toLowerCase() });
    expect(byCode.data!.feedbackCase.number).toBe(f.number);
    expect(errorCode(await gql(p.gatewayUrl, CASE, { n: f.number, c: 'AAAAAAAAAAAA' }))).toBe('NOT_FOUND');
    expect(errorCode(await gql(p.gatewayUrl, CASE, { n: 'x', c: accessCode }))).toBe('BAD_USER_INPUT');
    // Only the public fields are open without a token.
    expect(errorCode(await gql(p.gatewayUrl, GET, { id: f.id }))).toBe('UNAUTHENTICATED');

    const asLead = await gql(p.gatewayUrl, GET, { id: f.id }, lead);
    expect(asLead.data!.feedback.contact).toEqual({
      name: '欧阳明华',
      phone: '13808515678',
      email: 'ouyang@example.com',
      masked: false,
    });
    // A consultation is answered by the lead department, never forwarded.
    expect(errorCode(await gql(p.gatewayUrl, FORWARD, { input: { id: f.id, unitCode: 'GZ-D07' } }, lead))).toBe(
      'CONFLICT',
    );
    const answered = await gql(
      p.gatewayUrl,
      ANSWER,
      { id: f.id, a: '可以。税务领域的证明已由专项信用报告替代。' },
      lead,
    );
    expect(answered.data!.answerFeedback).toMatchObject({ status: 'ANSWERED', dueDate: null });
    const later = await gql(p.gatewayUrl, CASE, { n: f.number, c: accessCode });
    expect(later.data!.feedbackCase).toMatchObject({
      status: 'ANSWERED',
      answer: '可以。税务领域的证明已由专项信用报告替代。',
    });
    expect(later.data!.feedbackCase.timeline.map((e: any) => e.role)).toEqual(['ANONYMOUS', 'LEAD_DEPARTMENT']);
  });

  it('checks every 应替未替 field, refuses other roles, and writes nothing on bad input', async () => {
    const s = await subject();
    const before = await p.subgraphs.objections.app.dataSource.getRepository(FeedbackEntity).count();
    const cases: [Record<string, unknown>, string][] = [
      [{ office: null }, 'input.office'],
      [{ matter: ' ' }, 'input.matter'],
      [{ demandedOn: '2099-01-01' }, 'input.demandedOn'],
      [{ demandedOn: '1.1.2026' }, 'input.demandedOn'],
      [{ matterCode: 'bad code!' }, 'input.matterCode'],
      [{ office: { name: '某局', supervisingUnitCode: 'GZ-NOPE' } }, 'input.office.supervisingUnitCode'],
      [{ regionCode: '52' }, 'input.regionCode'],
      [{ kind: 'SERVICE_COMPLAINT' }, 'input.office'],
      [
        { evidence: [{ name: 'a.pdf', contentType: 'application/pdf', contentBase64: 'aGVsbG8=' }] },
        'input.evidence[0].contentType',
      ],
    ];
    for (const [extra, field] of cases) {
      const r = await gql(p.gatewayUrl, FILE, { input: demand(extra) }, s);
      expect({ field, ext: r.errors?.[0].extensions }).toMatchObject({ field, ext: { code: 'BAD_USER_INPUT', field } });
    }
    const notOwn = await gql(p.gatewayUrl, FILE, { input: { ...demand(), creditCode: OTHER } }, s);
    expect(errorCode(notOwn)).toBe('FORBIDDEN');
    for (const role of [lead, unit, await tokenFor({ role: 'ANALYST' })])
      expect(errorCode(await gql(p.gatewayUrl, FILE, { input: demand() }, role))).toBe('FORBIDDEN');
    expect(await p.subgraphs.objections.app.dataSource.getRepository(FeedbackEntity).count()).toBe(before);
  });

  it('an operator files for the subject present; the subject withdraws; service complaints can be dismissed; lists are scoped', async () => {
    const operator = await tokenFor({ role: 'OPERATOR', operatorId: 'w-fb-1', channel: 'SERVICE_WINDOW' });
    const missing = await gql(
      p.gatewayUrl,
      FILE,
      { input: { kind: 'SERVICE_COMPLAINT', content: '窗口排队时间过长' } },
      operator,
    );
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });
    const { feedback: complaint } = await file(
      { kind: 'SERVICE_COMPLAINT', content: '自助终端打印报告时多次失败', creditCode: SUBJECT },
      operator,
    );
    expect(complaint.timeline[0]).toMatchObject({ action: 'FILE', role: 'OPERATOR' });
    const dismissed = await gql(
      p.gatewayUrl,
      DISMISS,
      { id: complaint.id, r: '重复投诉，已在 GZTS 前一件中答复' },
      lead,
    );
    expect(dismissed.data!.dismissFeedback.status).toBe('DISMISSED');

    const { feedback: f } = await file(demand(), await subject());
    expect(
      errorCode(
        await gql(p.gatewayUrl, WITHDRAW, { id: f.id }, await tokenFor({ role: 'SUBJECT', creditCode: OTHER })),
      ),
    ).toBe('FORBIDDEN');
    const withdrawn = await gql(p.gatewayUrl, WITHDRAW, { id: f.id }, await subject());
    expect(withdrawn.data!.withdrawFeedback.status).toBe('WITHDRAWN');

    const own = await gql(p.gatewayUrl, LIST, {}, await subject());
    expect(own.data!.feedbacks.edges.length).toBeGreaterThanOrEqual(3);
    // Pages follow one another newest first, without overlap.
    const PAGE = `query($after: String) { feedbacks(first: 2, after: $after) {
      edges { node { number } } pageInfo { hasNextPage endCursor } } }`;
    const first = (await gql(p.gatewayUrl, PAGE, {}, await subject())).data!.feedbacks;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await gql(p.gatewayUrl, PAGE, { after: first.pageInfo.endCursor }, await subject())).data!
      .feedbacks;
    const numbers = [...first.edges, ...second.edges].map((e: any) => e.node.number);
    expect(numbers).toEqual([...numbers].sort().reverse());
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(errorCode(await gql(p.gatewayUrl, PAGE, { after: 'nonsense' }, await subject()))).toBe('BAD_USER_INPUT');
    const other = await gql(p.gatewayUrl, LIST, {}, await tokenFor({ role: 'SUBJECT', creditCode: OTHER }));
    expect(other.data!.feedbacks.edges).toEqual([]);
    const forwardedToUnit = await gql(p.gatewayUrl, LIST, {}, unit);
    expect(forwardedToUnit.data!.feedbacks.edges.every((e: any) => e.node.kind === 'CERTIFICATE_STILL_DEMANDED')).toBe(
      true,
    );
    expect(errorCode(await gql(p.gatewayUrl, LIST, {}, await tokenFor({ role: 'ANALYST' })))).toBe('FORBIDDEN');
  });

  it('overdue warnings: a case past its working-day due date is listed for the lead department and its unit only', async () => {
    const app = p.subgraphs.objections.app as ObjectionsApp;
    const ctx = { requestId: 'test-overdue', principal: { role: Role.SUBJECT, creditCode: SUBJECT } } as never;
    // Filed three weeks ago and forwarded since: both steps are long past due.
    const at = new Date(Date.now() - 21 * 86_400_000);
    const { feedback: old } = await app.services.feedback.file(ctx, demand({ demandedOn: chinaDate(at) }) as never, {
      at,
    });
    const { feedback: stale } = await app.services.feedback.file(
      ctx,
      { kind: 'CONSULTATION', content: '无人答复的咨询' } as never,
      { at },
    );
    const fwd = await gql(p.gatewayUrl, FORWARD, { input: { id: old.id } }, lead);
    expect(fwd.data!.forwardFeedback.overdue).toBe(false);

    const all = await gql(p.gatewayUrl, OVERDUE, {}, lead);
    expect(all.errors).toBeUndefined();
    const numbers = all.data!.overdueFeedback.map((f: any) => f.number);
    expect(numbers).toContain(stale.number);
    expect(numbers).not.toContain(old.number);
    const staleView = await gql(p.gatewayUrl, GET, { id: stale.id }, lead);
    expect(staleView.data!.feedback.overdue).toBe(true);
    const mineOnly = await gql(p.gatewayUrl, OVERDUE, {}, unit);
    expect(mineOnly.data!.overdueFeedback.every((f: any) => f.unitCode === 'GZ-520100-D07')).toBe(true);
    expect(errorCode(await gql(p.gatewayUrl, OVERDUE, { u: 'GZ-D07' }, unit))).toBe('FORBIDDEN');
    expect(errorCode(await gql(p.gatewayUrl, OVERDUE, {}, await subject()))).toBe('FORBIDDEN');
    const filtered = await gql(p.gatewayUrl, LIST, { f: { overdue: true } }, lead);
    expect(filtered.data!.feedbacks.edges.map((e: any) => e.node.number)).toContain(stale.number);
  });

  it('the demo seed leaves a case in every state, once', async () => {
    const app = p.subgraphs.objections.app as ObjectionsApp;
    const log = createLogger('objections', 'silent');
    expect((await seedDemoFeedback(app.services, log)).created).toBeGreaterThanOrEqual(7);
    expect(await seedDemoFeedback(app.services, log)).toEqual({ created: 0 });
    const rows = await app.dataSource.getRepository(FeedbackEntity).findBy({ demo: true });
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(Object.values(FeedbackStatus)));
    expect(new Set(rows.map((r) => r.kind)).size).toBe(3);
  });

  it('anonymous filing spends the anonymous rate limit', async () => {
    let limited: string | undefined;
    // The budget is per fixed 60 s window: 2 × 25 + 1 tries overrun it even if a window ends midway.
    for (let i = 0; i < 51 && !limited; i++) {
      const r = await gql(p.gatewayUrl, FILE, {
        input: { kind: 'CONSULTATION', content: `第${i}次咨询`, contact: { email: 'flood@example.com' } },
      });
      if (r.errors) limited = errorCode(r);
    }
    expect(limited).toBe('RATE_LIMITED');
  });
});
