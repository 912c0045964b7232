import { makeCreditCode, makeResidentId } from '@credit/shared';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '@credit/entities';
import { createRecordsApp, loadRecordsEnv, type RecordsApp } from '@credit/records';
import { gql, startApp, tokenFor } from '@credit/shared/test';
import { createReportsApp, loadReportsEnv, type ReportsApp } from '../src';
import { chinaDate } from '@credit/shared';

let serial = 60_000_000 + Math.floor(Math.random() * 1_000_000);
const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
const AUTHORITY_CODE = makeCreditCode('11', '520000', 11_200_000);

export const daysAgo = (n: number) =>
  new Date(Date.parse(`${chinaDate()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/** Entities (subjects, catalogue, units, commitments), records and reports on free ports. */
export async function startReportsStack(extra: Record<string, string> = {}) {
  const entities = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)), { SEED_DEMO: 'true' });
  const records = await startApp<RecordsApp>((env) => createRecordsApp(loadRecordsEnv(env)), {
    ENTITIES_URL: entities.url,
  });
  const reports = await startApp<ReportsApp>((env) => createReportsApp(loadReportsEnv(env)), {
    ENTITIES_URL: entities.url,
    RECORDS_URL: records.url,
    ...extra,
  });
  const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  return {
    entities,
    records,
    reports,
    lead,
    async stop() {
      await reports.stop();
      await records.stop();
      await entities.stop();
    },
  };
}
export type Stack = Awaited<ReturnType<typeof startReportsStack>>;

const UPSERT = `mutation($subjects: [SubjectInput!]!) { upsertSubjects(subjects: $subjects) { created rejected results { reasons { field message } } } }`;
const SUBMIT = `mutation($records: [RecordInput!]!) { submitRecords(records: $records) { created rejected results { recordId verdict reasons { field code message } } } }`;

export interface TestSubject {
  creditCode: string;
  name: string;
  kind: string;
  token: string;
}

/** Registers a fresh enterprise (or natural person) in entities and returns it with its own token. */
export async function newSubject(s: Stack, kind: 'ENTERPRISE' | 'NATURAL_PERSON' = 'ENTERPRISE'): Promise<TestSubject> {
  serial += 11;
  const subject =
    kind === 'ENTERPRISE'
      ? {
          creditCode: makeCreditCode('91', '520100', serial),
          kind,
          name: `报告测试建材有限公司${serial}`,
          legalRepresentative: '王建国',
          regionCode: '520100',
          status: 'ACTIVE',
        }
      : {
          creditCode: makeResidentId('520102', '19850615', serial),
          kind,
          name: '欧阳明华',
          regionCode: '520100',
          status: 'ACTIVE',
        };
  const r = await gql(s.entities.url, UPSERT, { subjects: [subject] }, s.lead);
  if (r.data?.upsertSubjects.created !== 1)
    throw new Error(`subject not created: ${JSON.stringify(r.errors ?? r.data)}`);
  return {
    creditCode: subject.creditCode,
    name: subject.name,
    kind,
    token: await tokenFor({ role: 'SUBJECT', creditCode: subject.creditCode }),
  };
}

export const unitToken = (domain = 'D07') =>
  tokenFor({ role: 'SOURCE_UNIT', unitCode: `GZ-${domain}`, domains: [domain] });

/** Submits one administrative penalty for the subject in `domain`; returns the record id. */
export async function submitRecord(
  s: Stack,
  subject: TestSubject,
  over: Record<string, unknown> = {},
  domain = 'D07',
): Promise<string> {
  serial += 7;
  const record = {
    decisionNumber: `黔测罚〔${run}〕${serial}号`,
    category: 'ADMINISTRATIVE_PENALTY',
    simplifiedProcedure: false,
    domainCode: domain,
    creditCode: subject.creditCode,
    subjectName: subject.name,
    ...(subject.kind === 'NATURAL_PERSON' ? { subjectType: 'NATURAL_PERSON' } : {}),
    violationType: '销售不合格产品',
    facts: '经查，当事人销售不合格产品。',
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
    penaltyTypes: ['警告', '罚款'],
    penaltyContent: '罚款人民币5000元',
    fineAmount: '5000',
    decisionDate: daysAgo(200),
    decidingAuthority: '贵阳市市场监督管理局',
    decidingAuthorityCode: AUTHORITY_CODE,
    regionCode: '520100',
    ...over,
  };
  const r = await gql(s.records.url, SUBMIT, { records: [record] }, await unitToken(domain));
  const row = r.data?.submitRecords.results[0];
  if (!row?.recordId) throw new Error(`record not accepted: ${JSON.stringify(r.errors ?? r.data)}`);
  return row.recordId;
}

export async function repairRecord(s: Stack, id: string, domain = 'D07'): Promise<void> {
  const r = await gql(
    s.records.url,
    'mutation($id: ID!) { repairRecord(id: $id, basis: "信用修复决定书 黔信修〔2026〕1号") { status } }',
    { id },
    await unitToken(domain),
  );
  if (r.data?.repairRecord.status !== 'REPAIRED') throw new Error(`repair failed: ${JSON.stringify(r.errors)}`);
}

export const REPORT_FIELDS = `number status issuedAt scenario channel creditCode subjectName subjectKind periodFrom periodTo coverageFrom
  requiredByReportUser recordCount sha256 signature keyId verificationCode revokedAt revocationReason detailsVisible authentic
  pdfUrl verifyUrl domains { code nameZh outcome recordCount records { id decisionNumber repaired labels underObjection } }`;

export const ISSUE = `mutation($input: IssueReportInput!) { issueReport(input: $input) { ${REPORT_FIELDS} } }`;
export const REPORT = `query($number: String!) { report(number: $number) { ${REPORT_FIELDS} } }`;
export const VERIFY = `query($number: String!, $code: String!) {
  verifyReport(number: $number, verificationCode: $code) {
    authentic problem number status subjectName creditCode scenario periodFrom periodTo coverageFrom detailsVisible
    revokedAt revocationReason domains { code outcome recordCount records { decisionNumber labels } }
  }
}`;
