import { AuditEntry, makeCreditCode, pendingSchemaChanges } from '@credit/shared';
import { errorCode, gql, tokenFor, usingMysql } from '@credit/shared/test';
import { EntityManager, In } from 'typeorm';
import { RecordEntity } from '../src/record/record.entity';
import { RevisionEntity } from '../src/record/revision.entity';
import { ExcludedDecisionEntity } from '../src/record/excludedDecision.entity';
import { SubmissionEntity } from '../src/submission/submission.entity';
import { addDays, chinaDate } from '@credit/shared';
import {
  personRecordInput,
  RECORD_FIELDS,
  recordInput,
  startRecordsWithEntities,
  SUBMIT,
  wrongCheck,
} from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
let unit: string;
let url: string;

beforeAll(async () => {
  h = await startRecordsWithEntities();
  url = h.records.url;
  unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
});
afterAll(() => h.stop());

const db = () => h.records.app.dataSource;
const count = (e: new () => object) => db().getRepository(e).count();

describe(`record submission on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('gives a verdict per row with every reason, writes only valid rows, and is idempotent', async () => {
    const before = await count(RecordEntity);
    const good = [recordInput(), recordInput({ simplifiedProcedure: true }), personRecordInput()];
    const base = recordInput();
    const bad = [
      { ...recordInput(), creditCode: wrongCheck(base.creditCode) },
      recordInput({ domainCode: 'D99' }),
      recordInput({ domainCode: 'D14' }),
      recordInput({ decisionDate: '2019-12-31' }),
      recordInput({ decisionDate: addDays(chinaDate(), 1) }),
      recordInput({ facts: '' }),
      recordInput({ fineAmount: '-100' }),
    ];
    const r = await gql(url, SUBMIT, { records: [...good, ...bad] }, unit);
    expect(r.errors).toBeUndefined();
    const p = r.data!.submitRecords;
    expect(p).toMatchObject({ created: 3, updated: 0, unchanged: 0, excluded: 0, rejected: 7 });
    const codes = p.results
      .slice(3)
      .map((x: { reasons: { field: string; code: string }[] }) => x.reasons.map((y) => `${y.field}:${y.code}`));
    expect(codes).toEqual([
      ['creditCode:BAD_CHECK_CHARACTER'],
      ['domainCode:UNKNOWN_DOMAIN'],
      ['domainCode:DOMAIN_NOT_ALLOWED'],
      ['decisionDate:DATE_BEFORE_2020'],
      ['decisionDate:DATE_IN_FUTURE'],
      ['facts:MISSING_FIELD'],
      ['fineAmount:NEGATIVE_AMOUNT'],
    ]);
    expect(await count(RecordEntity)).toBe(before + 3);

    const again = await gql(url, SUBMIT, { records: [...good, ...bad] }, unit);
    expect(again.data!.submitRecords).toMatchObject({ created: 0, unchanged: 3, rejected: 7 });
    expect(again.data!.submitRecords.results.slice(0, 3).map((x: { recordId: string }) => x.recordId)).toEqual(
      p.results.slice(0, 3).map((x: { recordId: string }) => x.recordId),
    );
    expect(await count(RecordEntity)).toBe(before + 3);

    const changed = await gql(url, SUBMIT, { records: [{ ...good[0], fineAmount: '6000.00' }] }, unit);
    expect(changed.data!.submitRecords.results[0].verdict).toBe('UPDATED');
    const id = changed.data!.submitRecords.results[0].recordId;
    const revisions = await db()
      .getRepository(RevisionEntity)
      .find({ where: { recordId: id }, order: { seq: 'ASC' } });
    expect(revisions.map((x) => x.action)).toEqual(['CREATED', 'UPDATED']);
    expect(JSON.parse(revisions[1].changes!)).toEqual({ fineAmount: ['5000.00', '6000.00'] });
    expect(await count(RecordEntity)).toBe(before + 3);
  });

  it('audits every record write with the unit, the subject and the request id, and not an unchanged resend', async () => {
    const rows = [recordInput(), recordInput()];
    const audits = () =>
      db()
        .getRepository(AuditEntry)
        .findBy({ action: 'record.submit', subjectCode: In(rows.map((x) => x.creditCode)) });
    await gql(url, SUBMIT, { records: rows }, unit, { 'x-request-id': 'submit-audit-0001' });
    const entries = await audits();
    expect(entries.map((e) => e.subjectCode).sort()).toEqual(rows.map((x) => x.creditCode).sort());
    expect(entries.every((e) => e.actor === 'unit:GZ-D07' && e.requestId === 'submit-audit-0001')).toBe(true);
    await gql(url, SUBMIT, { records: rows }, unit);
    expect(await audits()).toHaveLength(2);
  });

  it('lets the register, not the token, decide who submits which domains', async () => {
    const stranger = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-NOT-REGISTERED', domains: ['D07'] });
    const r = await gql(url, SUBMIT, { records: [recordInput()] }, stranger);
    expect(errorCode(r)).toBe('FORBIDDEN');
    // GZ-D07 is registered for D07 only: claiming D14 in the token gives it nothing.
    const greedy = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07', 'D14'] });
    const wide = await gql(url, SUBMIT, { records: [recordInput({ domainCode: 'D14' })] }, greedy);
    expect(wide.data!.submitRecords.results[0]).toMatchObject({
      verdict: 'REJECTED',
      reasons: [{ field: 'domainCode', code: 'DOMAIN_NOT_ALLOWED' }],
    });
    // A row without a region gets the unit's registered one (GZ-D07 is provincial: the subject's region).
    const row = recordInput({ regionCode: null });
    const ok = await gql(url, SUBMIT, { records: [row] }, greedy);
    expect(ok.data!.submitRecords).toMatchObject({ created: 1, regionDefaulted: 1 });
    const [stored] = await db().getRepository(RecordEntity).findBy({ decisionNumber: row.decisionNumber });
    expect(stored.regionCode).toBe(String(row.creditCode).slice(2, 8));
  });

  it('keeps one record per decision: another unit re-sending it is refused, naming the unit that holds it', async () => {
    const row = recordInput({ domainCode: 'D14' });
    const tax = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D14', domains: ['D14'] });
    const first = await gql(url, SUBMIT, { records: [row] }, tax);
    expect(first.data!.submitRecords.created).toBe(1);
    const other = await gql(url, SUBMIT, { records: [{ ...row, domainCode: 'D07' }] }, unit);
    expect(other.data!.submitRecords.results[0]).toMatchObject({
      verdict: 'REJECTED',
      reasons: [{ field: 'decisionNumber', code: 'OWNED_BY_OTHER_UNIT', message: expect.stringContaining('GZ-D14') }],
    });
    const stored = await db().getRepository(RecordEntity).findBy({ decisionNumber: row.decisionNumber });
    expect(stored.map((x) => x.sourceUnitCode)).toEqual(['GZ-D14']);
    // The same number from another deciding authority is another decision.
    const elsewhere = await gql(
      url,
      SUBMIT,
      { records: [{ ...row, domainCode: 'D07', decidingAuthorityCode: makeCreditCode('11', '520100', 11_400_001) }] },
      unit,
    );
    expect(elsewhere.data!.submitRecords.created).toBe(1);
  });

  it('applies a decision repeated in one batch in order: the later row is its correction', async () => {
    const row = recordInput();
    const r = await gql(
      url,
      SUBMIT,
      { records: [row, { ...row, facts: '另一个事实' }, { ...row, facts: '另一个事实' }] },
      unit,
    );
    expect(r.data!.submitRecords.results.map((x: { verdict: string }) => x.verdict)).toEqual([
      'CREATED',
      'UPDATED',
      'UNCHANGED',
    ]);
    const [stored] = await db().getRepository(RecordEntity).findBy({ decisionNumber: row.decisionNumber });
    expect(stored).toMatchObject({ facts: '另一个事实', version: 2 });
    const revisions = await db().getRepository(RevisionEntity).findBy({ recordId: stored.id });
    expect(revisions.map((x) => [x.seq, x.action]).sort()).toEqual([
      [1, 'CREATED'],
      [2, 'UPDATED'],
    ]);
  });

  it('acknowledges a lawfully-not-punished decision as EXCLUDED and never stores it as a record', async () => {
    const before = await count(RecordEntity);
    const row = recordInput({ notPunished: true, penaltyTypes: null, penaltyContent: null });
    for (let i = 0; i < 2; i++) {
      const r = await gql(url, SUBMIT, { records: [row] }, unit);
      expect(r.data!.submitRecords.results[0]).toMatchObject({
        verdict: 'EXCLUDED',
        recordId: null,
        reasons: [{ code: 'LAWFULLY_NOT_PUNISHED' }],
      });
    }
    expect(await count(RecordEntity)).toBe(before);
    expect(await db().getRepository(ExcludedDecisionEntity).countBy({ decisionNumber: row.decisionNumber })).toBe(1);
    const history = await gql(
      url,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Subject { recordSummary { records } } } }`,
      { reps: [{ __typename: 'Subject', creditCode: row.creditCode }] },
      await tokenFor({ role: 'LEAD_DEPARTMENT' }),
    );
    expect(history.data!._entities[0].recordSummary.records).toBe(0);
  });

  it('refuses an oversized batch as a whole, and callers that are not source units', async () => {
    const before = await count(RecordEntity);
    const r = await gql(
      url,
      SUBMIT,
      { records: Array.from({ length: 1001 }, () => recordInput({ facts: 'x' })) },
      unit,
    );
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions).toMatchObject({ field: 'records', max: 1000, got: 1001 });
    expect(await count(RecordEntity)).toBe(before);
    expect(
      errorCode(await gql(url, SUBMIT, { records: [recordInput()] }, await tokenFor({ role: 'LEAD_DEPARTMENT' }))),
    ).toBe('FORBIDDEN');
    expect(errorCode(await gql(url, SUBMIT, { records: [recordInput()] }))).toBe('UNAUTHENTICATED');
  });

  it('leaves nothing behind when a batch fails half-way through its transaction', async () => {
    const before = {
      records: await count(RecordEntity),
      revisions: await count(RevisionEntity),
      log: await count(SubmissionEntity),
    };
    const original = EntityManager.prototype.query;
    // Fail the revisions' INSERT (LOAD DATA on MySQL), after the records of the batch were already inserted.
    const spy = jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (
      this: EntityManager,
      sql: string,
      params?: unknown[],
    ) {
      if (/^(INSERT INTO|LOAD DATA LOCAL INFILE '[^']*' INTO TABLE) .record_revision./.test(sql))
        return Promise.reject(new Error('disk full (injected)'));
      return original.call(this, sql, params);
    });
    try {
      const r = await gql(url, SUBMIT, { records: [recordInput(), recordInput(), recordInput()] }, unit);
      expect(errorCode(r)).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      spy.mockRestore();
    }
    expect({
      records: await count(RecordEntity),
      revisions: await count(RevisionEntity),
      log: await count(SubmissionEntity),
    }).toEqual(before);
  });

  it('repairs and revokes with reasons as revisions; only the owning unit or the lead department may', async () => {
    const row = recordInput();
    const id = (await gql(url, SUBMIT, { records: [row] }, unit)).data!.submitRecords.results[0].recordId;
    const other = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-520100-D07', domains: ['D07'] });
    const denied = await gql(url, `mutation($id: ID!) { revokeRecord(id: $id, reason: "x") { id } }`, { id }, other);
    expect(errorCode(denied)).toBe('FORBIDDEN');

    const repair = await gql(
      url,
      `mutation($id: ID!) { repairRecord(id: $id, basis: "信用修复决定书 黔信修〔2025〕1号") { status repaired repairedAt version } }`,
      { id },
      unit,
    );
    expect(repair.data!.repairRecord).toMatchObject({
      status: 'REPAIRED',
      repaired: true,
      repairedAt: chinaDate(),
      version: 2,
    });
    const twice = await gql(
      url,
      `mutation($id: ID!) { repairRecord(id: $id, basis: "again") { status } }`,
      { id },
      unit,
    );
    expect(errorCode(twice)).toBe('CONFLICT');
    const noReason = await gql(url, `mutation($id: ID!) { revokeRecord(id: $id, reason: " ") { id } }`, { id }, unit);
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
    const revoke = await gql(
      url,
      `mutation($id: ID!) { revokeRecord(id: $id, reason: "复议撤销") { status revokeReason revisions { seq action actor reason changes { field before after } } } }`,
      { id },
      lead,
    );
    const rec = revoke.data!.revokeRecord;
    expect(rec).toMatchObject({ status: 'REVOKED', revokeReason: '复议撤销' });
    expect(
      rec.revisions.map(
        (x: { seq: number; action: string; actor: string }) => `${x.seq}:${x.action}:${x.actor.split(':')[0]}`,
      ),
    ).toEqual(['1:CREATED:unit', '2:REPAIRED:unit', '3:REVOKED:lead_department']);
    expect(rec.revisions[2].changes).toContainEqual({ field: 'status', before: 'REPAIRED', after: 'REVOKED' });

    // A revoked decision is not a record: resending it unchanged is UNCHANGED, changed is REJECTED; it is never deleted.
    expect((await gql(url, SUBMIT, { records: [row] }, unit)).data!.submitRecords.results[0].verdict).toBe('UNCHANGED');
    const changed = await gql(url, SUBMIT, { records: [{ ...row, facts: '新事实' }] }, unit);
    expect(changed.data!.submitRecords.results[0].reasons[0].code).toBe('RECORD_REVOKED');
    expect(await db().getRepository(RecordEntity).countBy({ id })).toBe(1);
    const read = await gql(url, `query($id: ID!) { violationRecord(id: $id) { ${RECORD_FIELDS} } }`, { id }, lead);
    expect(read.data!.violationRecord).toMatchObject({ id, status: 'REVOKED' });
  });

  (usingMysql ? it : it.skip)(
    'has migrations that match the entities (MySQL only; SQLite builds from entities)',
    async () => {
      expect(await pendingSchemaChanges(db())).toEqual([]);
    },
  );
});
