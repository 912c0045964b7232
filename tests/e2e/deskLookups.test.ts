import { chinaDate, makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor, usingMysql } from '@credit/shared/test';
import { entities, objections, records, registerSourceUnits, startPlatform, type Platform } from '../platform';

// What the console's desk and oversight pages look up: a unit's own uploads (importJobs) and one case by
// its number (a deep link /desk/objections/GZYY-…, /oversight/complaints/GZTS-…), each within the
// cases the caller may list.
let p: Platform;
let origin: string;
let lead: string;
let unit: string;
let other: string;
const run = Date.now() % 1_000_000;
const A = {
  creditCode: makeCreditCode('91', '520100', 82_000_000 + run),
  kind: 'ENTERPRISE',
  name: `工作台测试建材有限公司${run}`,
  legalRepresentative: '王建国',
  regionCode: '520100',
  registrationAuthority: '贵阳市市场监督管理局',
  establishedOn: '2015-06-01',
  status: 'ACTIVE',
};
const CSV_HEAD =
  '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,处罚机关统一社会信用代码';
const csvRow = (n: number, code = A.creditCode) =>
  `${A.name},法人及非法人组织,${code},黔市监罚〔W${run}〕${n}号,虚假宣传,发布虚假广告,《广告法》第五十五条,罚款,罚款5000元,0.5,2025/03/01,贵州省市场监督管理局,${makeCreditCode('11', '520000', 11_200_000)}`;

beforeAll(async () => {
  p = await startPlatform([entities, records, objections], { SEED_DEMO: 'false' });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  await registerSourceUnits(p, ['GZ-D07', 'GZ-520100-D07']);
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  other = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] });
  const up = await gql(
    p.gatewayUrl,
    `mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { created } }`,
    { s: [A] },
    lead,
  );
  expect(up.data!.upsertSubjects.created).toBe(1);
}, 120_000);
afterAll(() => p?.stop());

async function upload(name: string, lines: string[], token = unit): Promise<string> {
  const res = await fetch(`${origin}/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from([CSV_HEAD, ...lines].join('\r\n')),
  });
  expect(res.status).toBe(202);
  let job = (await res.json()) as { id: string; status: string };
  // One upload at a time, as a unit's desk sends them.
  while (job.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 100));
    const poll = await fetch(`${origin}/imports/${job.id}`, { headers: { authorization: `Bearer ${token}` } });
    job = (await poll.json()) as typeof job;
  }
  return job.id;
}

const JOBS = `query($n: Int) { importJobs(first: $n) { id fileName status total created rejected startedAt rejectsUrl errorCode } }`;

describe(`desk look-ups through the gateway (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it("lists a unit's own uploads, newest first, with their counts and rejects; never another unit's", async () => {
    const first = await upload('first.csv', [csvRow(1), csvRow(2, '91520100BADCODE00')]);
    const second = await upload('second.csv', [csvRow(3)], unit);
    const theirs = await upload('theirs.csv', [csvRow(4)], other);
    const jobs = (await gql(p.gatewayUrl, JOBS, { n: 10 }, unit)).data!.importJobs;
    expect(jobs.map((j: { id: string }) => j.id)).toEqual([second, first]);
    expect(jobs[1]).toMatchObject({
      fileName: 'first.csv',
      status: 'DONE',
      total: 2,
      created: 1,
      rejected: 1,
      rejectsUrl: `/imports/${first}/rejects`,
      errorCode: null,
    });
    expect(jobs[0]).toMatchObject({ fileName: 'second.csv', created: 1, rejected: 0, rejectsUrl: null });
    // The rejects file the list points to is the unit's to read.
    const rejects = await fetch(`${origin}${jobs[1].rejectsUrl}`, { headers: { authorization: `Bearer ${unit}` } });
    expect(rejects.status).toBe(200);
    expect(await rejects.text()).toContain('BADCODE');
    const mine = (await gql(p.gatewayUrl, JOBS, { n: 1 }, unit)).data!.importJobs;
    expect(mine.map((j: { id: string }) => j.id)).toEqual([second]);
    const theirList = (await gql(p.gatewayUrl, JOBS, {}, other)).data!.importJobs;
    expect(theirList.map((j: { id: string }) => j.id)).toEqual([theirs]);
  });

  it('refuses importJobs to other roles and a page size out of range', async () => {
    expect(errorCode(await gql(p.gatewayUrl, JOBS, {}, lead))).toBe('FORBIDDEN');
    expect(errorCode(await gql(p.gatewayUrl, JOBS, {}))).toBe('UNAUTHENTICATED');
    const big = await gql(p.gatewayUrl, JOBS, { n: 101 }, unit);
    expect(errorCode(big)).toBe('BAD_USER_INPUT');
    expect(big.errors![0].extensions!.field).toBe('first');
  });

  it('finds an objection by its number, only among those the caller may list', async () => {
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: A.creditCode });
    const recs = await gql(
      p.gatewayUrl,
      `query($c: String!) { subject(creditCode: $c) { records(first: 20) { edges { node { id sourceUnitCode } } } } }`,
      { c: A.creditCode },
      owner,
    );
    const recordId = recs.data!.subject.records.edges.find((e: any) => e.node.sourceUnitCode === 'GZ-D07').node.id;
    const filed = await gql(
      p.gatewayUrl,
      `mutation($i: FileObjectionInput!) { fileObjection(input: $i) { id number } }`,
      { i: { recordId, reason: '罚款金额有误' } },
      owner,
    );
    const { id, number } = filed.data!.fileObjection;
    await gql(p.gatewayUrl, `mutation($id: ID!) { acceptObjection(id: $id) { id } }`, { id }, lead);
    const BY_NUMBER = `query($n: String!) { objections(first: 5, filter: { number: $n }) { edges { node { id number record { id } } } } }`;
    const found = (token: string) =>
      gql(p.gatewayUrl, BY_NUMBER, { n: number }, token).then((r) => r.data!.objections.edges.map((e: any) => e.node));
    expect(await found(unit)).toEqual([{ id, number, record: { id: recordId } }]);
    expect(await found(lead)).toHaveLength(1);
    expect(await found(owner)).toHaveLength(1);
    // Another unit, another subject: nothing, as if there were no such number.
    expect(await found(other)).toEqual([]);
    expect(await found(await tokenFor({ role: 'SUBJECT', creditCode: makeCreditCode('91', '520100', 1) }))).toEqual([]);
  });

  it('finds a complaint by its number, only among those the caller may list', async () => {
    const filed = await gql(
      p.gatewayUrl,
      `mutation($i: FileFeedbackInput!) { fileFeedback(input: $i) { feedback { id number } } }`,
      {
        i: {
          kind: 'CERTIFICATE_STILL_DEMANDED',
          content: '仍要求提供无违法违规证明',
          contact: { name: '张先生', phone: '13800000000' },
          office: { name: '某区公共资源交易中心', supervisingUnitCode: 'GZ-D07' },
          matter: '投标',
          demandedOn: chinaDate(),
        },
      },
    );
    expect(filed.errors).toBeUndefined();
    const { id, number } = filed.data!.fileFeedback.feedback;
    const BY_NUMBER = `query($n: String!) { feedbacks(first: 5, filter: { number: $n }) { edges { node { id status } } } }`;
    const found = (token: string) =>
      gql(p.gatewayUrl, BY_NUMBER, { n: number }, token).then((r) => r.data!.feedbacks.edges.map((e: any) => e.node));
    expect(await found(lead)).toEqual([{ id, status: 'SUBMITTED' }]);
    // Not yet forwarded: the unit does not see it.
    expect(await found(unit)).toEqual([]);
    await gql(
      p.gatewayUrl,
      `mutation($i: ForwardFeedbackInput!) { forwardFeedback(input: $i) { id } }`,
      { i: { id, unitCode: 'GZ-D07' } },
      lead,
    );
    expect(await found(unit)).toEqual([{ id, status: 'FORWARDED' }]);
    expect(await found(other)).toEqual([]);
  });
});
