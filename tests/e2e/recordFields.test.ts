import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gql, pdftotext, tokenFor, usingMysql } from '@credit/shared/test';
import type { ObjectionsApp } from '@credit/objections';
import { SAMPLE_HEADERS } from '../../subgraphs/records/src/import/sampleCsv';
import { penaltyRow } from './fixtures/penaltyRow';
import { entities, objections, records, registerSourceUnits, reports, startPlatform, type Platform } from '../platform';

/**
 * A field of the national standard added by one row of the record field table (法定代表人,
 * legalRepresentative) flows from a national export through import, history, the signed report and
 * its PDF, and an objection's correction, with no other code naming it.
 */
let p: Platform;
let origin: string;
let lead: string;
let unit: string;
let owner: string;
const CODE = '91520100210000754L';
const run = Date.now() % 1_000_000;
const number = `黔市监罚〔F${run}〕1号`;

beforeAll(async () => {
  p = await startPlatform([entities, records, reports, objections], { SEED_DEMO: 'false', OUTBOX_POLL_MS: '200' });
  origin = p.gatewayUrl.replace(/\/graphql$/, '');
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  owner = await tokenFor({ role: 'SUBJECT', creditCode: CODE });
  const up = await gql(
    p.gatewayUrl,
    `mutation($s: [SubjectInput!]!) { upsertSubjects(subjects: $s) { rejected } }`,
    {
      s: [
        {
          creditCode: CODE,
          kind: 'ENTERPRISE',
          name: '贵阳乌江医药有限公司',
          legalRepresentative: '张三',
          regionCode: '520100',
          registrationAuthority: '贵阳市市场监督管理局',
          establishedOn: '2010-05-01',
          status: 'ACTIVE',
        },
      ],
    },
    lead,
  );
  expect(up.data!.upsertSubjects).toEqual({ rejected: 0 });
  await registerSourceUnits(p, ['GZ-D07']);
}, 120_000);
afterAll(() => p?.stop());

/** Uploads a file through the gateway (POST /imports) and polls its job until it is over. */
async function importFile(name: string, body: string) {
  const res = await fetch(`${origin}/imports?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${unit}`, 'content-type': 'application/octet-stream' },
    body: Buffer.from(body, 'utf8'),
  });
  expect(res.status).toBe(202);
  let job = (await res.json()) as { id: string; status: string; created: number; rejected: number };
  while (job.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 100));
    job = (await (
      await fetch(`${origin}/imports/${job.id}`, { headers: { authorization: `Bearer ${unit}` } })
    ).json()) as typeof job;
  }
  return job;
}

const drain = () => (p.subgraphs.objections.app as ObjectionsApp).drainOutbox();
const history = async () => {
  const r = await gql(
    p.gatewayUrl,
    `query($c: String!) { subject(creditCode: $c) { records(first: 5) { edges { node { id decisionNumber legalRepresentative
      revisions { action objectionId changes { field before after } } } } } } }`,
    { c: CODE },
    owner,
  );
  expect(r.errors).toBeUndefined();
  return r.data!.subject.records.edges.map((e: any) => e.node).find((n: any) => n.decisionNumber === number);
};

describe(`a field added to the record field table (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it('comes in with a national export and shows in history, the signed report, its PDF and a correction', async () => {
    const csv = [[...SAMPLE_HEADERS, '法定代表人'].join(','), `${penaltyRow(number)},张三`].join('\n');
    const job = await importFile('national.csv', csv);
    expect(job).toMatchObject({ status: 'DONE', created: 1, rejected: 0 });

    const record = await history();
    expect(record).toMatchObject({ legalRepresentative: '张三' });

    const issued = await gql(
      p.gatewayUrl,
      `mutation($input: IssueReportInput!) { issueReport(input: $input) { number domains { code records { id legalRepresentative } } } }`,
      { input: { scenario: 'FINANCING', channel: 'WEBSITE', domains: ['D07'] } },
      owner,
    );
    expect(issued.errors).toBeUndefined();
    const report = issued.data!.issueReport;
    expect(report.domains[0].records).toEqual([{ id: record.id, legalRepresentative: '张三' }]);
    const pdf = await fetch(`${origin}/reports/${report.number}.pdf`, {
      headers: { authorization: `Bearer ${owner}` },
    });
    expect(pdf.status).toBe(200);
    const file = join(mkdtempSync(join(tmpdir(), 'record-fields-')), 'r.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    expect(pdftotext(file, []).replace(/\s/g, '')).toContain('法定代表人：张三');

    // An upheld objection corrects it: the table marks it correctable, objections and records take it.
    const filed = await gql(
      p.gatewayUrl,
      `mutation($input: FileObjectionInput!) { fileObjection(input: $input) { id } }`,
      { input: { recordId: record.id, reason: '法定代表人与处罚决定书不一致', type: 'RECORD_ERROR' } },
      owner,
    );
    expect(filed.errors).toBeUndefined();
    const id = filed.data!.fileObjection.id;
    expect(
      (await gql(p.gatewayUrl, `mutation($id: ID!) { acceptObjection(id: $id) { status } }`, { id }, lead)).errors,
    ).toBeUndefined();
    expect(
      (await gql(p.gatewayUrl, `mutation($id: ID!) { startObjectionReview(id: $id) { status } }`, { id }, unit)).errors,
    ).toBeUndefined();
    const upheld = await gql(
      p.gatewayUrl,
      `mutation($input: ResolveObjectionInput!) { resolveObjection(input: $input) { status } }`,
      {
        input: {
          id,
          outcome: 'UPHELD',
          explanation: '经核查，法定代表人应为李四，已更正',
          correction: {
            action: 'CORRECT',
            reason: '异议成立：法定代表人录入错误',
            changes: { legalRepresentative: '李四' },
          },
        },
      },
      unit,
    );
    expect(upheld.errors).toBeUndefined();
    await drain();

    const corrected = await history();
    expect(corrected.legalRepresentative).toBe('李四');
    expect(corrected.revisions.find((r: any) => r.action === 'CORRECTED')).toEqual({
      action: 'CORRECTED',
      objectionId: id,
      changes: [{ field: 'legalRepresentative', before: '张三', after: '李四' }],
    });
  });
});
