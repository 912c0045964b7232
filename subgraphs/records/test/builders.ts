import { makeCreditCode, makeResidentId } from '@credit/shared';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '@credit/entities';
import { gql, startApp, tokenFor } from '@credit/shared/test';
import { createRecordsApp, loadRecordsEnv, type RecordsApp } from '../src';
import { addDays, chinaDate } from '@credit/shared';

let serial = 50_000_000 + Math.floor(Math.random() * 1_000_000);
const run = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
export const AUTHORITY_CODE = makeCreditCode('11', '520000', 11_200_000);

/** A valid administrative penalty of GZ-D07's domain; override any field. */
export function recordInput(over: Record<string, unknown> = {}) {
  serial += 7;
  return {
    decisionNumber: `黔市监罚〔${run}〕${serial}号`,
    category: 'ADMINISTRATIVE_PENALTY',
    simplifiedProcedure: false,
    domainCode: 'D07',
    creditCode: makeCreditCode('91', '520100', serial),
    subjectName: `测试商贸有限公司${serial}`,
    violationType: '销售不合格产品',
    facts: '经查，当事人销售不合格产品。',
    legalBasis: '《中华人民共和国产品质量法》第四十九条',
    penaltyTypes: ['警告', '罚款'],
    penaltyContent: '罚款人民币5000元',
    fineAmount: '5000',
    decisionDate: addDays(chinaDate(), -30),
    decidingAuthority: '贵阳市市场监督管理局',
    decidingAuthorityCode: AUTHORITY_CODE,
    regionCode: '520100',
    ...over,
  };
}

export const personRecordInput = (over: Record<string, unknown> = {}) => {
  serial += 7;
  return recordInput({
    creditCode: makeResidentId('520102', '19850615', serial),
    subjectType: 'NATURAL_PERSON',
    subjectName: '欧阳明华',
    ...over,
  });
};

export const wrongCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');

export const SUBMIT = `mutation Submit($records: [RecordInput!]!) {
  submitRecords(records: $records) {
    batchId created updated unchanged excluded rejected regionDefaulted
    results { index decisionNumber verdict recordId reasons { field code message } }
  }
}`;

export const RECORD_FIELDS = `id creditCode subjectName subjectType domainCode category simplifiedProcedure decisionNumber decisionDate status repaired repairedAt
  underObjection sourceUnitCode decidingAuthority fineAmount penaltyTypes version masked`;

/** Entities (for the domain catalogue and the unit register) and records, on free ports. */
export async function startRecordsWithEntities(extra: Record<string, string> = {}) {
  // One platform: both share the platform-wide cache (catalogue and register versions) when on Redis.
  const CACHE_PREFIX = `rw${process.pid.toString(36)}${Date.now().toString(36)}`;
  const entities = await startApp<EntitiesApp>((env) => createEntitiesApp(loadEntitiesEnv(env)), {
    SEED_DEMO: 'true',
    CACHE_PREFIX,
  });
  const records = await startApp<RecordsApp>((env) => createRecordsApp(loadRecordsEnv(env)), {
    ENTITIES_URL: entities.url,
    CACHE_PREFIX,
    ...extra,
  });
  return {
    entities,
    records,
    async stop() {
      await records.stop();
      await entities.stop();
    },
  };
}

/** Registers a source unit in the entities register, as the lead department does (only registered units submit). */
export async function registerUnit(
  entitiesUrl: string,
  code: string,
  domainCodes: string[],
  regionCode = '520100',
): Promise<void> {
  serial += 7;
  const r = await gql(
    entitiesUrl,
    `mutation($i: RegisterSourceUnitInput!) { registerSourceUnit(input: $i) { code } }`,
    {
      i: {
        code,
        name: `测试单位${code}`,
        creditCode: makeCreditCode('11', regionCode, serial),
        regionCode,
        domainCodes,
      },
    },
    await tokenFor({ role: 'LEAD_DEPARTMENT' }),
  );
  if (r.errors) throw new Error(JSON.stringify(r.errors));
}
