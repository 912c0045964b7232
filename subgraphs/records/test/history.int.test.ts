import { Not } from 'typeorm';
import { AuditEntry, makeCreditCode } from '@credit/shared';
import { errorCode, gql, tokenFor, usingMysql } from '@credit/shared/test';
import { RevisionEntity } from '../src/record/revision.entity';
import { addDays, chinaDate } from '@credit/shared';
import {
  personRecordInput,
  RECORD_FIELDS,
  recordInput,
  registerUnit,
  startRecordsWithEntities,
  SUBMIT,
  wrongCheck,
} from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
let url: string;
let unit: string;
let lead: string;
let service: string;

beforeAll(async () => {
  h = await startRecordsWithEntities();
  url = h.records.url;
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
  service = await tokenFor({ role: 'SERVICE', service: 'reports' });
});
afterAll(() => h.stop());

const submit = async (rows: Record<string, unknown>[], token = unit) => {
  const r = await gql(url, SUBMIT, { records: rows }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!.submitRecords as { results: { recordId: string; verdict: string }[] };
};
const ENTITIES_Q = (fields: string) =>
  `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Subject { creditCode ${fields} } } }`;
const reps = (codes: string[]) => codes.map((creditCode) => ({ __typename: 'Subject', creditCode }));

describe(`history, access and the internal API on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it("lists a subject's five-year history newest first, pages it, labels repaired records and hides revoked ones", async () => {
    const code = makeCreditCode('91', '520100', 61_000_000 + Math.floor(Math.random() * 100_000));
    const today = chinaDate();
    const dates = [
      addDays(today, -10),
      addDays(today, -400),
      addDays(today, -800),
      addDays(today, -1200),
      addDays(today, -6 * 366),
    ];
    const tax = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D14', domains: ['D14'] });
    const res = await submit(dates.slice(0, 3).map((decisionDate) => recordInput({ creditCode: code, decisionDate })));
    await submit(
      dates.slice(3).map((decisionDate) => recordInput({ creditCode: code, decisionDate, domainCode: 'D14' })),
      tax,
    );
    const [newest, , oldest] = res.results.map((r) => r.recordId);
    await gql(url, `mutation($id: ID!) { repairRecord(id: $id, basis: "修复") { status } }`, { id: oldest }, unit);
    const revoked = (await submit([recordInput({ creditCode: code, decisionDate: addDays(today, -5) })])).results[0]
      .recordId;
    await gql(url, `mutation($id: ID!) { revokeRecord(id: $id, reason: "撤销") { status } }`, { id: revoked }, unit);

    const owner = await tokenFor({ role: 'SUBJECT', creditCode: code });
    const q = ENTITIES_Q(
      `records(first: 2, after: $after) { edges { node { id decisionDate domainCode status repaired } } pageInfo { hasNextPage endCursor } }`,
    ).replace('($reps: [_Any!]!)', '($reps: [_Any!]!, $after: String)');
    const seen: { id: string; decisionDate: string; repaired: boolean; domainCode: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const r = await gql(url, q, { reps: reps([code]), after }, owner);
      expect(r.errors).toBeUndefined();
      const page: { edges: { node: (typeof seen)[number] }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        r.data!._entities[0].records;
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // The five-year default period drops the six-year-old record; the revoked one never appears.
    expect(seen.map((x) => x.decisionDate)).toEqual(dates.slice(0, 4));
    expect(seen[0].id).toBe(newest);
    expect(seen.find((x) => x.id === oldest)).toMatchObject({ repaired: true });
    expect(seen.map((x) => x.id)).not.toContain(revoked);

    const withoutRepaired = await gql(
      url,
      ENTITIES_Q('records(includeRepaired: false, domains: ["D07"]) { edges { node { id } } }'),
      { reps: reps([code]) },
      owner,
    );
    expect(withoutRepaired.data!._entities[0].records.edges).toHaveLength(2);

    const summary = await gql(
      url,
      ENTITIES_Q('recordSummary { records repaired domains { domainCode records repaired } }'),
      { reps: reps([code]) },
      owner,
    );
    expect(summary.data!._entities[0].recordSummary).toMatchObject({
      records: 4,
      repaired: 1,
      domains: [
        { domainCode: 'D07', records: 3, repaired: 1 },
        { domainCode: 'D14', records: 1, repaired: 0 },
      ],
    });
    const unitView = await gql(
      url,
      ENTITIES_Q('recordSummary { domains { domainCode } } records { edges { node { domainCode } } }'),
      { reps: reps([code]) },
      unit,
    );
    expect(unitView.data!._entities[0].recordSummary.domains).toEqual([{ domainCode: 'D07' }]);
    expect(
      new Set(
        unitView.data!._entities[0].records.edges.map((e: { node: { domainCode: string } }) => e.node.domainCode),
      ),
    ).toEqual(new Set(['D07']));
  });

  it('reads the long texts of a page only when its selection asks for one, through fragments too', async () => {
    const code = makeCreditCode('91', '520100', 62_000_000 + Math.floor(Math.random() * 100_000));
    await submit([
      recordInput({ creditCode: code, facts: '超范围经营', legalBasis: '《条例》第十条', remarks: '整改完毕' }),
    ]);
    const owner = await tokenFor({ role: 'SUBJECT', creditCode: code });
    const page = async (node: string, fragments = '') => {
      const r = await gql(
        url,
        ENTITIES_Q(`records(first: 5) { edges { node { ${node} } } }`) + fragments,
        { reps: reps([code]) },
        owner,
      );
      expect(r.errors).toBeUndefined();
      return r.data!._entities[0].records.edges.map((e: { node: Record<string, unknown> }) => e.node);
    };
    const brief = await page('id decisionDate status subjectName');
    expect(brief).toHaveLength(1);
    // Asked for behind a named fragment, or an alias: read, not left out.
    const wide = await page(
      'id decisionDate status subjectName ...T',
      ' fragment T on ViolationRecord { legalBasis remarks }',
    );
    expect(wide).toEqual([{ ...brief[0], legalBasis: '《条例》第十条', remarks: '整改完毕' }]);
    expect(await page('id why: facts')).toEqual([{ id: brief[0].id, why: '超范围经营' }]);
    // One operation asking for both shapes of the same page gets each its own.
    const both = await gql(
      url,
      ENTITIES_Q(`a: records(first: 5) { edges { node { id } } } b: records(first: 5) { edges { node { id facts } } }`),
      { reps: reps([code]) },
      owner,
    );
    expect(both.data!._entities[0].b.edges[0].node.facts).toBe('超范围经营');
    expect(both.data!._entities[0].a.edges[0].node.id).toBe(brief[0].id);
  });

  it('refuses analysts, partners and other subjects, masks natural persons and audits non-owner reads', async () => {
    const person = personRecordInput();
    await submit([person]);
    const fields = `records { edges { node { creditCode subjectName masked revisions { changes { field } } } } }`;
    for (const claims of [
      { role: 'ANALYST' as const },
      { role: 'PARTNER' as const, partnerId: 'sc', province: '510000' },
      { role: 'SUBJECT' as const, creditCode: makeCreditCode('91', '520100', 1234567) },
    ]) {
      const r = await gql(url, ENTITIES_Q(fields), { reps: reps([person.creditCode]) }, await tokenFor(claims));
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    // Reads only: the unit's submission of the record is audited too, as record.submit.
    const audits = () =>
      h.records.app.dataSource
        .getRepository(AuditEntry)
        .countBy({ subjectCode: person.creditCode, action: Not('record.submit') });
    const own = await gql(
      url,
      ENTITIES_Q(fields),
      { reps: reps([person.creditCode]) },
      await tokenFor({ role: 'SUBJECT', creditCode: person.creditCode }),
    );
    expect(own.data!._entities[0].records.edges[0].node).toMatchObject({
      creditCode: person.creditCode,
      subjectName: '欧阳明华',
      masked: false,
    });
    expect(await audits()).toBe(0);
    const op = await gql(
      url,
      ENTITIES_Q(fields),
      { reps: reps([person.creditCode]) },
      await tokenFor({ role: 'OPERATOR', operatorId: 'w1' }),
    );
    const node = op.data!._entities[0].records.edges[0].node;
    expect(node).toMatchObject({ subjectName: '欧**华', masked: true });
    expect(node.creditCode).toBe(`${person.creditCode.slice(0, 4)}**********${person.creditCode.slice(-4)}`);
    expect(await audits()).toBe(1);
    const byLead = await gql(url, ENTITIES_Q(fields), { reps: reps([person.creditCode]) }, lead);
    expect(byLead.data!._entities[0].records.edges[0].node).toMatchObject({ subjectName: '欧阳明华', masked: false });
  });

  it('reads a page and a summary asked for at once in one round trip where the database takes several statements', async () => {
    const creditCode = makeCreditCode('91', '520100', 63_000_000 + Math.floor(Math.random() * 1_000_000));
    await submit([recordInput({ creditCode }), recordInput({ creditCode, decisionDate: addDays(chinaDate(), -40) })]);
    const owner = await tokenFor({ role: 'SUBJECT', creditCode });
    const ds = h.records.app.dataSource;
    const trips = jest.spyOn(ds, 'createQueryRunner');
    try {
      const r = await gql(
        url,
        ENTITIES_Q('recordSummary { records } records(first: 1) { edges { node { id } } pageInfo { hasNextPage } }'),
        { reps: reps([creditCode]) },
        owner,
      );
      expect(r.errors).toBeUndefined();
      const subject = r.data!._entities[0];
      expect(subject.recordSummary.records).toBe(2);
      expect(subject.records.edges).toHaveLength(1);
      expect(subject.records.pageInfo.hasNextPage).toBe(true);
      // The owner's own reads leave no audit row: every connection taken here served a read.
      expect(trips.mock.calls.filter(([mode]) => mode === 'slave')).toHaveLength(usingMysql ? 1 : 2);
    } finally {
      trips.mockRestore();
    }
  });

  it("answers 50 subjects' summaries and histories with as many SQL statements as 5 subjects'", async () => {
    const codes = Array.from({ length: 50 }, (_, i) =>
      makeCreditCode('91', '520100', 62_000_000 + i * 11 + Math.floor(Math.random() * 10)),
    );
    await submit(
      codes.flatMap((creditCode) => [
        recordInput({ creditCode }),
        recordInput({ creditCode, decisionDate: addDays(chinaDate(), -100) }),
      ]),
    );
    const statements = async (fields: string, n: number) => {
      const r = await gql(url, ENTITIES_Q(fields), { reps: reps(codes.slice(0, n)) }, lead);
      expect(r.errors).toBeUndefined();
      expect(r.data!._entities).toHaveLength(n);
      const header = r.headers.get('x-sql-statements');
      expect(header).toMatch(/^\d+$/);
      return Number(header);
    };
    const summary = 'recordSummary { records domains { domainCode records repaired } }';
    // Audit rows are grouped (GroupedAudit): the rows of a request's two resolvers reach one flush
    // or two, as the event loop turns (4 or 5 statements, seen on MariaDB in CI). Statements that
    // grew with the subjects would be tens more, not one.
    const sameCount = (a: number, b: number) =>
      expect({ a, b, apart: Math.abs(a - b) <= 1 }).toEqual({ a, b, apart: true });
    const five = await statements(summary, 5);
    const fifty = await statements(summary, 50);
    sameCount(fifty, five);
    // At least the GROUP BY and the lead department's audit row.
    expect(five).toBeGreaterThanOrEqual(2);
    // One GROUP BY, one audit INSERT and TypeORM's read-back of the audit rows' generated columns.
    expect(fifty).toBeLessThanOrEqual(3);
    const both = `${summary} records(first: 5) { edges { node { id } } }`;
    sameCount(await statements(both, 50), await statements(both, 5));
  });

  it('serves the internal API to SERVICE tokens only', async () => {
    const row = recordInput();
    const id = (await submit([row])).results[0].recordId;
    const snapshot = `query($code: String!) { internalRecordsForSnapshot(creditCode: $code, domains: ["D07"], from: "2020-01-01", to: "${chinaDate()}") { ${RECORD_FIELDS} } }`;
    for (const token of [lead, unit, await tokenFor({ role: 'SUBJECT', creditCode: row.creditCode })]) {
      expect(errorCode(await gql(url, snapshot, { code: row.creditCode }, token))).toBe('FORBIDDEN');
      expect(
        errorCode(
          await gql(
            url,
            `mutation($id: ID!) { internalMarkUnderObjection(recordId: $id, objectionId: "o1") }`,
            { id },
            token,
          ),
        ),
      ).toBe('FORBIDDEN');
    }
    const r = await gql(url, snapshot, { code: row.creditCode }, service);
    expect(r.data!.internalRecordsForSnapshot).toEqual([
      expect.objectContaining({
        id,
        status: 'EFFECTIVE',
        underObjection: false,
        fineAmount: '5000.00',
        penaltyTypes: ['警告', '罚款'],
      }),
    ]);
  });

  it('audits a snapshot read, on MySQL in the same round trip as the read', async () => {
    const row = recordInput();
    await submit([row]);
    const ds = h.records.app.dataSource;
    const snapshots = () =>
      ds.getRepository(AuditEntry).countBy({ subjectCode: row.creditCode, action: 'record.snapshot' });
    expect(await snapshots()).toBe(0);
    const trips = jest.spyOn(ds, 'createQueryRunner');
    try {
      const r = await gql(
        url,
        `query($code: String!) { internalRecordsForSnapshot(creditCode: $code, domains: ["D07"], from: "2020-01-01", to: "${chinaDate()}") { id } }`,
        { code: row.creditCode },
        service,
      );
      expect(r.data!.internalRecordsForSnapshot).toHaveLength(1);
      // Answered only after its audit row is stored.
      expect(await snapshots()).toBe(1);
      // The read and its audit INSERT on one connection, in one packet (they took two before).
      if (usingMysql) expect(trips.mock.calls.filter(([mode]) => mode === 'master')).toHaveLength(1);
    } finally {
      trips.mockRestore();
    }
  });

  it('marks and clears objections idempotently and applies a correction once per objection', async () => {
    const row = recordInput();
    const id = (await submit([row])).results[0].recordId;
    const mark = `mutation($id: ID!, $o: String!) { internalMarkUnderObjection(recordId: $id, objectionId: $o) }`;
    const clear = `mutation($id: ID!, $o: String!) { internalClearObjection(recordId: $id, objectionId: $o) }`;
    const state = async () =>
      (
        await gql(
          url,
          `query($id: ID!) { violationRecord(id: $id) { underObjection fineAmount facts status version } }`,
          { id },
          lead,
        )
      ).data!.violationRecord;
    expect((await gql(url, mark, { id, o: 'obj-1' }, service)).data!.internalMarkUnderObjection).toBe(true);
    await gql(url, mark, { id, o: 'obj-1' }, service);
    await gql(url, mark, { id, o: 'obj-2' }, service);
    expect(await state()).toMatchObject({ underObjection: true });
    await gql(url, clear, { id, o: 'obj-1' }, service);
    await gql(url, clear, { id, o: 'obj-1' }, service);
    expect(await state()).toMatchObject({ underObjection: true });
    await gql(url, clear, { id, o: 'obj-2' }, service);
    expect(await state()).toMatchObject({ underObjection: false });

    const correct = `mutation($input: CorrectionInput!) { internalApplyCorrection(input: $input) { id fineAmount facts version revisions { action objectionId changes { field before after } } } }`;
    const input = {
      recordId: id,
      objectionId: 'obj-2',
      action: 'CORRECT',
      reason: '异议成立，更正罚款金额',
      changes: { fineAmount: '3000', facts: '更正后的事实' },
    };
    const first = await gql(url, correct, { input }, service);
    expect(first.errors).toBeUndefined();
    const corrected = first.data!.internalApplyCorrection;
    expect(corrected).toMatchObject({ fineAmount: '3000.00', facts: '更正后的事实' });
    expect(corrected.revisions.at(-1)).toMatchObject({ action: 'CORRECTED', objectionId: 'obj-2' });
    expect(corrected.revisions.at(-1).changes).toContainEqual({
      field: 'fineAmount',
      before: '5000.00',
      after: '3000.00',
    });
    const again = await gql(url, correct, { input: { ...input, changes: { fineAmount: '1' } } }, service);
    expect(again.data!.internalApplyCorrection).toMatchObject({ fineAmount: '3000.00', version: corrected.version });
    expect(
      await h.records.app.dataSource
        .getRepository(RevisionEntity)
        .countBy({ objectionId: 'obj-2', action: 'CORRECTED' }),
    ).toBe(1);

    const bad = await gql(
      url,
      correct,
      { input: { ...input, objectionId: 'obj-3', changes: { fineAmount: '-1' } } },
      service,
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.changes.fineAmount' });
    const revoke = await gql(
      url,
      correct,
      { input: { recordId: id, objectionId: 'obj-4', action: 'REVOKE', reason: '异议成立，撤销' } },
      service,
    );
    expect(revoke.data!.internalApplyCorrection.revisions.at(-1)).toMatchObject({
      action: 'REVOKED',
      objectionId: 'obj-4',
    });
    const snapshot = await gql(
      url,
      `query($code: String!) { internalRecordsForSnapshot(creditCode: $code, domains: ["D07"], from: "2020-01-01", to: "${chinaDate()}") { id } }`,
      { code: row.creditCode },
      service,
    );
    expect(snapshot.data!.internalRecordsForSnapshot).toEqual([]);
  });

  it('computes quality figures per unit and warns about late, rejecting and silent units', async () => {
    const unitCode = `GZ-Q${Math.floor(Math.random() * 1e6)}`;
    await registerUnit(h.entities.url, unitCode, ['D07']);
    const q = await tokenFor({ role: 'SOURCE_UNIT', unitCode, domains: ['D07'] });
    const today = chinaDate();
    const lags = [1, 2, 3, 4, 10, 20];
    const base = recordInput();
    const rows = [
      ...lags.map((d) => recordInput({ decisionDate: addDays(today, -d) })),
      { ...recordInput(), creditCode: wrongCheck(base.creditCode) },
      recordInput({ fineAmount: '-1', facts: '' }),
      recordInput({ domainCode: 'D14' }),
    ];
    await submit(rows, q);
    await submit(rows.slice(0, 2), q);
    const r = await gql(
      url,
      `query($u: String) { recordQuality(from: "${today}", to: "${today}", unitCode: $u) {
      unitCode batches rowsSubmitted accepted created unchanged rejected rejectionRate rejectedByReason { reason rows } newRecords lagMedianDays lagP90Days lateRows lateThresholdDays } }`,
      { u: unitCode },
      lead,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordQuality).toEqual([
      {
        unitCode,
        batches: 2,
        rowsSubmitted: 11,
        accepted: 8,
        created: 6,
        unchanged: 2,
        rejected: 3,
        rejectionRate: 3 / 11,
        rejectedByReason: [
          { reason: 'BAD_CHECK_CHARACTER', rows: 1 },
          { reason: 'DOMAIN_NOT_ALLOWED', rows: 1 },
          { reason: 'MISSING_FIELD', rows: 1 },
          { reason: 'NEGATIVE_AMOUNT', rows: 1 },
        ],
        newRecords: 6,
        lagMedianDays: 3,
        lagP90Days: 20,
        lateRows: 2,
        lateThresholdDays: 7,
      },
    ]);
    const own = await gql(url, `{ recordQuality(from: "${today}", to: "${today}") { unitCode } }`, {}, q);
    expect(own.data!.recordQuality).toEqual([{ unitCode }]);
    expect(
      errorCode(
        await gql(url, `{ recordQuality(from: "${today}", to: "${today}", unitCode: "GZ-D14") { unitCode } }`, {}, q),
      ),
    ).toBe('FORBIDDEN');

    const w = await gql(
      url,
      `{ recordQualityWarnings(from: "${today}", to: "${today}") { lateThresholdDays rejectionRateThreshold warnings { unitCode late highRejectionRate } silentUnits { unitCode } } }`,
      {},
      lead,
    );
    expect(w.data!.recordQualityWarnings.warnings).toContainEqual({ unitCode, late: true, highRejectionRate: true });
    expect(w.data!.recordQualityWarnings.silentUnits).toContainEqual({ unitCode: 'GZ-D01' });
    expect(
      errorCode(await gql(url, `{ recordQualityWarnings(from: "${today}", to: "${today}") { from } }`, {}, q)),
    ).toBe('FORBIDDEN');
  });

  it('gives analysts aggregates by domain, region, category and month, and no identities', async () => {
    const row = recordInput({
      regionCode: '520300',
      category: 'ADMINISTRATIVE_COERCION',
      violationType: null,
      penaltyTypes: null,
    });
    await submit([row]);
    const analyst = await tokenFor({ role: 'ANALYST' });
    const r = await gql(
      url,
      `{ recordStatistics { from to records repaired byDomain { key records repaired } byRegion { key records } byCategory { key records } byMonth { key records } } }`,
      {},
      analyst,
    );
    expect(r.errors).toBeUndefined();
    const s = r.data!.recordStatistics;
    expect(s.records).toBeGreaterThan(0);
    expect(s.byRegion).toContainEqual({ key: '520300', records: 1 });
    expect(s.byCategory.map((b: { key: string }) => b.key)).toContain('ADMINISTRATIVE_COERCION');
    expect(s.byMonth.every((b: { key: string }) => /^\d{4}-\d{2}$/.test(b.key))).toBe(true);
    expect(s.byDomain.reduce((n: number, b: { records: number }) => n + b.records, 0)).toBe(s.records);
    const text = JSON.stringify(r.data);
    expect(text).not.toContain(row.creditCode);
    expect(text).not.toContain(row.subjectName);
    expect(errorCode(await gql(url, `{ recordStatistics { records } }`, {}, unit))).toBe('FORBIDDEN');
  });
});
