import { createHash } from 'node:crypto';
import { AuditEntry, pendingSchemaChanges } from '@credit/shared';
import { errorCode, gql, startApp, usingMysql } from '@credit/shared/test';
import { createObjectionsApp, loadObjectionsEnv, type ObjectionsApp } from '../src';
import { ObjectionEntity } from '../src/objection/objection.entity';
import { EvidenceChunkEntity } from '../src/evidence/evidence.entity';
import { OutboxEntity } from '../src/outbox/outbox.entity';
import {
  aRecord,
  ACCEPT,
  analystToken,
  CLOSE,
  correct,
  FILE,
  GET,
  leadToken,
  operatorToken,
  personCode,
  REASSIGN,
  REFUSE,
  RESOLVE,
  START,
  subjectToken,
  unitToken,
  WITHDRAW,
} from './builders';
import { FakeRecords } from './fakeRecords';

const fake = new FakeRecords();
// Friday 2026-03-06, 10:00 in Guizhou.
let now = new Date('2026-03-06T02:00:00Z');
let h: Awaited<ReturnType<typeof startApp<ObjectionsApp>>>;
let lead: string;

beforeAll(async () => {
  await fake.start();
  h = await startApp((env) => createObjectionsApp(loadObjectionsEnv(env), { clock: () => now }), {
    RECORDS_URL: fake.url,
    ENTITIES_URL: fake.url,
    OUTBOX_POLL_MS: '0',
  });
  lead = await leadToken();
});
afterAll(async () => {
  await h.stop();
  await fake.down();
});

const outboxOf = (objectionId: string) =>
  h.app.dataSource.getRepository(OutboxEntity).find({ where: { objectionId }, order: { id: 'ASC' } });

async function fileOn(record = aRecord(fake), extra: Record<string, unknown> = {}) {
  const r = await gql(
    h.url,
    FILE,
    { input: { recordId: record.id, reason: '罚款金额与决定书不符', ...extra } },
    await subjectToken(record.creditCode),
  );
  expect(r.errors).toBeUndefined();
  return { record, o: r.data!.fileObjection };
}

async function toReview(record = aRecord(fake)) {
  const { o } = await fileOn(record);
  await gql(h.url, ACCEPT, { id: o.id }, lead);
  const r = await gql(h.url, START, { id: o.id }, await unitToken(record.sourceUnitCode));
  expect(r.data!.startObjectionReview.status).toBe('UNDER_REVIEW');
  return { record, o };
}

describe(`objection workflow on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('files an objection on the own record: number, due date in working days, evidence, timeline, MARK in the outbox', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(150_000, 0x41)]);
    const record = aRecord(fake);
    const { o } = await fileOn(record, {
      type: 'RECORD_ERROR',
      evidence: [
        {
          name: '决定书.pdf',
          contentType: 'application/pdf',
          contentBase64: pdf.toString('base64'),
          sha256: createHash('sha256').update(pdf).digest('hex'),
        },
      ],
    });
    expect(o).toMatchObject({
      status: 'SUBMITTED',
      type: 'RECORD_ERROR',
      recordId: record.id,
      creditCode: record.creditCode,
      unitCode: 'GZ-D07',
      domainCode: 'D07',
      // Filed on a Friday: Monday and Tuesday are the two working days.
      acceptDueDate: '2026-03-10',
      dueDate: '2026-03-10',
      reviewDueDate: null,
      overdue: false,
      masked: false,
      pendingEffects: 1,
    });
    expect(o.number).toMatch(/^GZYY-2026-\d{6}$/);
    expect(o.timeline).toEqual([
      {
        seq: 1,
        action: 'FILE',
        fromStatus: null,
        toStatus: 'SUBMITTED',
        actor: `subject:${record.creditCode}`,
        role: 'SUBJECT',
        note: null,
      },
    ]);
    expect(o.evidence).toEqual([
      {
        name: '决定书.pdf',
        contentType: 'application/pdf',
        size: pdf.length,
        sha256: createHash('sha256').update(pdf).digest('hex'),
      },
    ]);
    // 150 KB are stored across several text slices and come back byte for byte.
    expect(await h.app.dataSource.getRepository(EvidenceChunkEntity).count()).toBeGreaterThanOrEqual(4);
    const content = await gql(
      h.url,
      `query($id: ID!) { objection(id: $id) { evidence { contentBase64 } } }`,
      { id: o.id },
      await subjectToken(record.creditCode),
    );
    expect(Buffer.from(content.data!.objection.evidence[0].contentBase64, 'base64').equals(pdf)).toBe(true);

    expect((await outboxOf(o.id)).map((x) => [x.kind, x.status])).toEqual([['MARK', 'PENDING']]);
    await h.app.drainOutbox();
    expect(fake.effectsFor(o.id)).toEqual(['internalMarkUnderObjection']);
    expect(fake.calls.every((c) => c.role === 'SERVICE')).toBe(true);
    expect((await gql(h.url, GET, { id: o.id }, lead)).data!.objection.pendingEffects).toBe(0);
    const second = await gql(
      h.url,
      FILE,
      { input: { recordId: record.id, reason: '再次提交' } },
      await subjectToken(record.creditCode),
    );
    expect(errorCode(second)).toBe('CONFLICT');
    expect(second.errors![0].message).toContain(o.number);
  });

  it("refuses a subject filing on another subject's record, an unknown record and a bad attachment, writing nothing", async () => {
    const before = await h.app.dataSource.getRepository(ObjectionEntity).count();
    const mine = aRecord(fake);
    const theirs = aRecord(fake);
    const token = await subjectToken(mine.creditCode);
    const other = await gql(h.url, FILE, { input: { recordId: theirs.id, reason: '不是我的记录' } }, token);
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(
      errorCode(await gql(h.url, FILE, { input: { recordId: '01NOSUCHRECORD000000000000', reason: 'x' } }, token)),
    ).toBe('NOT_FOUND');
    const bad = await gql(
      h.url,
      FILE,
      {
        input: {
          recordId: mine.id,
          reason: 'x',
          evidence: [
            { name: 'a.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('MZ...').toString('base64') },
          ],
        },
      },
      token,
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.evidence[0].contentType' });
    expect(errorCode(await gql(h.url, FILE, { input: { recordId: mine.id, reason: 'x' } }, lead))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, FILE, { input: { recordId: mine.id, reason: '   ' } }, token))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await h.app.dataSource.getRepository(ObjectionEntity).count()).toBe(before);
  });

  it('lets an operator file for the subject present, and masks a natural person for the unit', async () => {
    const person = aRecord(fake, { creditCode: personCode(), subjectType: 'NATURAL_PERSON' });
    const op = await operatorToken();
    expect(
      (await gql(h.url, FILE, { input: { recordId: person.id, reason: 'x' } }, op)).errors![0].extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.creditCode' });
    const wrong = await gql(
      h.url,
      FILE,
      { input: { recordId: person.id, reason: 'x', creditCode: aRecord(fake).creditCode } },
      op,
    );
    expect(errorCode(wrong)).toBe('FORBIDDEN');
    const r = await gql(
      h.url,
      FILE,
      { input: { recordId: person.id, reason: '代为提交', creditCode: person.creditCode } },
      op,
    );
    expect(r.data!.fileObjection.timeline[0]).toMatchObject({ actor: 'operator:window-520100-01', role: 'OPERATOR' });
    const asUnit = await gql(h.url, GET, { id: r.data!.fileObjection.id }, await unitToken());
    expect(asUnit.data!.objection.masked).toBe(true);
    expect(asUnit.data!.objection.creditCode).not.toBe(person.creditCode);
    expect(asUnit.data!.objection.creditCode.slice(-4)).toBe(person.creditCode.slice(-4));
  });

  it("accepts, forwards to the record's unit, reviews and upholds with a correction; closes only once it was applied", async () => {
    const { record, o } = await fileOn();
    const unit = await unitToken();
    expect(errorCode(await gql(h.url, ACCEPT, { id: o.id }, unit))).toBe('FORBIDDEN');
    now = new Date('2026-03-09T01:00:00Z'); // Monday
    const accepted = (await gql(h.url, ACCEPT, { id: o.id, note: '材料齐全' }, lead)).data!.acceptObjection;
    expect(accepted).toMatchObject({
      status: 'FORWARDED',
      unitCode: 'GZ-D07',
      reviewDueDate: '2026-03-23',
      dueDate: '2026-03-23',
    });
    expect(accepted.timeline.slice(1).map((e: any) => [e.action, e.fromStatus, e.toStatus, e.role])).toEqual([
      ['ACCEPT', 'SUBMITTED', 'ACCEPTED', 'LEAD_DEPARTMENT'],
      ['FORWARD', 'ACCEPTED', 'FORWARDED', 'SYSTEM'],
    ]);
    expect(accepted.timeline[1].note).toBe('材料齐全');

    const stranger = await unitToken('GZ-D14', ['D14']);
    expect(errorCode(await gql(h.url, START, { id: o.id }, stranger))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, GET, { id: o.id }, stranger))).toBe('FORBIDDEN');
    expect((await gql(h.url, START, { id: o.id }, unit)).data!.startObjectionReview.status).toBe('UNDER_REVIEW');

    const noCorrection = await gql(
      h.url,
      RESOLVE,
      { input: { id: o.id, outcome: 'UPHELD', explanation: '属实' } },
      unit,
    );
    expect(noCorrection.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.correction' });
    const badAmount = await gql(
      h.url,
      RESOLVE,
      { input: { id: o.id, outcome: 'UPHELD', explanation: '属实', correction: correct({ fineAmount: '5百元' }) } },
      unit,
    );
    expect(badAmount.errors![0].extensions!.field).toBe('input.correction.changes.fineAmount');
    expect(
      errorCode(
        await gql(
          h.url,
          RESOLVE,
          { input: { id: o.id, outcome: 'UPHELD', explanation: '属实', correction: correct() } },
          lead,
        ),
      ),
    ).toBe('FORBIDDEN');

    now = new Date('2026-03-11T02:00:00Z');
    const upheld = (
      await gql(
        h.url,
        RESOLVE,
        { input: { id: o.id, outcome: 'UPHELD', explanation: '经核查罚款金额应为500元', correction: correct() } },
        unit,
      )
    ).data!.resolveObjection;
    expect(upheld).toMatchObject({
      status: 'UPHELD',
      explanation: '经核查罚款金额应为500元',
      dueDate: null,
      overdue: false,
      pendingEffects: 3,
      correction: {
        action: 'CORRECT',
        reason: '罚款金额录入错误',
        changes: [{ field: 'fineAmount', value: '500.00' }],
        applied: false,
        recordVersion: null,
      },
    });
    expect((await outboxOf(o.id)).map((x) => x.kind)).toEqual(['MARK', 'APPLY_CORRECTION', 'CLEAR']);

    const owner = await subjectToken(record.creditCode);
    const early = await gql(h.url, CLOSE, { id: o.id }, owner);
    expect(errorCode(early)).toBe('CONFLICT');
    expect(early.errors![0].extensions).toMatchObject({ correctionPending: true });

    await h.app.drainOutbox();
    expect(fake.effectsFor(o.id)).toEqual([
      'internalMarkUnderObjection',
      'internalApplyCorrection',
      'internalClearObjection',
    ]);
    expect(fake.applied.get(`${o.id}:internalApplyCorrection`)!.variables.input).toEqual({
      recordId: record.id,
      objectionId: o.id,
      action: 'CORRECT',
      reason: '罚款金额录入错误',
      changes: { fineAmount: '500.00' },
    });
    const seen = (await gql(h.url, GET, { id: o.id }, owner)).data!.objection;
    expect(seen.correction).toMatchObject({ applied: true, recordVersion: 7 });
    expect(seen.timeline.at(-1)).toMatchObject({ action: 'CORRECTION_APPLIED', role: 'SERVICE', toStatus: 'UPHELD' });

    const closed = (await gql(h.url, CLOSE, { id: o.id }, owner)).data!.closeObjection;
    expect(closed.status).toBe('CLOSED');
    const again = await gql(h.url, ACCEPT, { id: o.id }, lead);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors![0].extensions!.currentState).toBe('CLOSED');
    expect(again.errors![0].message).toBe(`objection ${o.number} is in state CLOSED; cannot accept it`);
  });

  it('rejects with an explanation and clears the flag; refusing and withdrawing clear it too', async () => {
    const unit = await unitToken();
    const { o: rejected } = await toReview();
    const withCorrection = await gql(
      h.url,
      RESOLVE,
      { input: { id: rejected.id, outcome: 'REJECTED', explanation: '记录无误', correction: correct() } },
      unit,
    );
    expect(errorCode(withCorrection)).toBe('BAD_USER_INPUT');
    const r = (
      await gql(
        h.url,
        RESOLVE,
        { input: { id: rejected.id, outcome: 'REJECTED', explanation: '记录与决定书一致' } },
        unit,
      )
    ).data!.resolveObjection;
    expect(r).toMatchObject({ status: 'REJECTED', explanation: '记录与决定书一致', correction: null });

    const { o: refused } = await fileOn();
    const noReason = await gql(h.url, REFUSE, { id: refused.id, reason: '' }, lead);
    expect(noReason.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(
      (await gql(h.url, REFUSE, { id: refused.id, reason: '不属于异议受理范围' }, lead)).data!.refuseObjection,
    ).toMatchObject({ status: 'REFUSED', refusalReason: '不属于异议受理范围' });

    const { record, o: withdrawn } = await fileOn();
    expect(
      errorCode(await gql(h.url, WITHDRAW, { id: withdrawn.id }, await subjectToken(aRecord(fake).creditCode))),
    ).toBe('FORBIDDEN');
    expect(
      (await gql(h.url, WITHDRAW, { id: withdrawn.id }, await subjectToken(record.creditCode))).data!.withdrawObjection
        .status,
    ).toBe('WITHDRAWN');
    expect(errorCode(await gql(h.url, WITHDRAW, { id: r.id }, await subjectToken(aRecord(fake).creditCode)))).toBe(
      'FORBIDDEN',
    );

    await h.app.drainOutbox();
    for (const o of [rejected, refused, withdrawn])
      expect(fake.effectsFor(o.id)).toEqual(['internalMarkUnderObjection', 'internalClearObjection']);
  });

  it('answers CONFLICT naming the state for acts out of order', async () => {
    const { record, o } = await fileOn();
    const unit = await unitToken();
    const early = await gql(h.url, START, { id: o.id }, unit);
    expect(early.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'SUBMITTED' });
    const resolveEarly = await gql(
      h.url,
      RESOLVE,
      { input: { id: o.id, outcome: 'REJECTED', explanation: 'x' } },
      unit,
    );
    expect(resolveEarly.errors![0].extensions!.currentState).toBe('SUBMITTED');
    expect(errorCode(await gql(h.url, CLOSE, { id: o.id }, lead))).toBe('CONFLICT');
    await gql(h.url, REFUSE, { id: o.id, reason: '重复提交' }, lead);
    const late = await gql(h.url, WITHDRAW, { id: o.id }, await subjectToken(record.creditCode));
    expect(late.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentState: 'REFUSED' });
  });

  it('reassigns to another unit with a fresh review period; the old unit loses it', async () => {
    const { o } = await toReview();
    now = new Date('2026-03-13T02:00:00Z'); // Friday
    const moved = (await gql(h.url, REASSIGN, { id: o.id, unit: 'GZ-520100-D07' }, lead)).data!.reassignObjection;
    expect(moved).toMatchObject({ status: 'FORWARDED', unitCode: 'GZ-520100-D07', reviewDueDate: '2026-03-27' });
    expect(moved.timeline.at(-1)).toMatchObject({
      action: 'REASSIGN',
      fromStatus: 'UNDER_REVIEW',
      toStatus: 'FORWARDED',
    });
    expect(errorCode(await gql(h.url, START, { id: o.id }, await unitToken()))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, REASSIGN, { id: o.id, unit: 'GZ-520100-D07' }, lead))).toBe('BAD_USER_INPUT');
    expect(
      (await gql(h.url, START, { id: o.id }, await unitToken('GZ-520100-D07'))).data!.startObjectionReview.status,
    ).toBe('UNDER_REVIEW');
  });

  it('shows objections on Subject and ViolationRecord to the owner, the routed unit and the lead department, audited', async () => {
    const { record, o } = await fileOn();
    const Q = `query($reps: [_Any!]!) { _entities(representations: $reps) {
      ... on Subject { creditCode objections { number status } }
      ... on ViolationRecord { id objections { number } } } }`;
    const reps = [
      { __typename: 'Subject', creditCode: record.creditCode },
      { __typename: 'ViolationRecord', id: record.id },
    ];
    const own = await gql(h.url, Q, { reps }, await subjectToken(record.creditCode));
    expect(own.data!._entities).toEqual([
      { creditCode: record.creditCode, objections: [{ number: o.number, status: 'SUBMITTED' }] },
      { id: record.id, objections: [{ number: o.number }] },
    ]);
    const other = await gql(h.url, Q, { reps: [reps[0]] }, await subjectToken(aRecord(fake).creditCode));
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(
      (await gql(h.url, Q, { reps }, await unitToken('GZ-D14', ['D14']))).data!._entities.map((e: any) => e.objections),
    ).toEqual([[], []]);
    expect(errorCode(await gql(h.url, Q, { reps }, await analystToken()))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, GET, { id: o.id }, await analystToken()))).toBe('FORBIDDEN');

    const audits = () =>
      h.app.dataSource.getRepository(AuditEntry).countBy({ subjectCode: record.creditCode, action: 'objection.list' });
    const before = await audits();
    // One audit row per list read (the subject's and the record's), none for the owner.
    expect((await gql(h.url, Q, { reps }, lead)).data!._entities[1].objections).toHaveLength(1);
    expect(await audits()).toBe(before + 2);
    await gql(h.url, Q, { reps }, await subjectToken(record.creditCode));
    expect(await audits()).toBe(before + 2);
  });

  it("pages the lead department's list and keeps a unit to its own queue", async () => {
    const a = await fileOn(aRecord(fake, { sourceUnitCode: 'GZ-D99', domainCode: 'D43' }));
    const b = await fileOn(aRecord(fake, { sourceUnitCode: 'GZ-D99', domainCode: 'D43' }));
    const L = `query($f: ObjectionFilter, $first: Int, $after: String) { objections(filter: $f, first: $first, after: $after) { edges { cursor node { number unitCode } } pageInfo { hasNextPage endCursor } } }`;
    const p1 = (await gql(h.url, L, { f: { unitCode: 'GZ-D99' }, first: 1 }, lead)).data!.objections;
    expect(p1.edges.map((e: any) => e.node.number)).toEqual([b.o.number]);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await gql(h.url, L, { f: { unitCode: 'GZ-D99' }, first: 1, after: p1.pageInfo.endCursor }, lead)).data!
      .objections;
    expect(p2.edges.map((e: any) => e.node.number)).toEqual([a.o.number]);
    const unitView = (await gql(h.url, L, { first: 100 }, await unitToken('GZ-D99', ['D43']))).data!.objections;
    expect(unitView.edges.map((e: any) => e.node.number).sort()).toEqual([a.o.number, b.o.number].sort());
  });

  (usingMysql ? it : it.skip)('has MySQL migrations that match the entities', async () => {
    expect(await pendingSchemaChanges(h.app.dataSource)).toEqual([]);
  });
});
