import { gql, startApp, usingMysql } from '@credit/shared/test';
import { createObjectionsApp, loadObjectionsEnv, type ObjectionsApp } from '../src';
import { ObjectionEntity } from '../src/objection/objection.entity';
import { OutboxEntity } from '../src/outbox/outbox.entity';
import {
  aRecord,
  ACCEPT,
  correct,
  FILE,
  GET,
  leadToken,
  RESOLVE,
  START,
  subjectToken,
  unitToken,
  WITHDRAW,
} from './builders';
import { FakeRecords } from './fakeRecords';

const fake = new FakeRecords();
// The unit register stays up while records goes down.
const register = new FakeRecords();
let h: Awaited<ReturnType<typeof startApp<ObjectionsApp>>>;
let lead: string;

beforeAll(async () => {
  await fake.start();
  await register.start();
  h = await startApp((env) => createObjectionsApp(loadObjectionsEnv(env)), {
    RECORDS_URL: fake.url,
    ENTITIES_URL: register.url,
    OUTBOX_POLL_MS: '0',
    OUTBOX_MAX_ATTEMPTS: '3',
  });
  lead = await leadToken();
});
afterAll(async () => {
  await h.stop();
  if (fake.url) await fake.down().catch(() => undefined);
  await register.down();
});

const rows = (objectionId: string) =>
  h.app.dataSource.getRepository(OutboxEntity).find({ where: { objectionId }, order: { id: 'ASC' } });

/** Files (records must answer the owner lookup), then takes records down if asked, then upholds. */
async function upheldWhile(record = aRecord(fake), takeDown = false) {
  const filed = (
    await gql(
      h.url,
      FILE,
      { input: { recordId: record.id, reason: '金额错误' } },
      await subjectToken(record.creditCode),
    )
  ).data!.fileObjection;
  if (takeDown) await fake.down();
  await gql(h.url, ACCEPT, { id: filed.id }, lead);
  await gql(h.url, START, { id: filed.id }, await unitToken());
  const r = await gql(
    h.url,
    RESOLVE,
    { input: { id: filed.id, outcome: 'UPHELD', explanation: '属实', correction: correct() } },
    await unitToken(),
  );
  expect(r.data!.resolveObjection.status).toBe('UPHELD');
  return { record, o: filed };
}

describe(`objection outbox on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('keeps the decision and its effects while records is down, backs off, and delivers each effect once, in order, when it is back', async () => {
    try {
      const { o } = await upheldWhile(aRecord(fake), true);
      // Filing needs records (to check the owner): refused while it is down, nothing written.
      const late = aRecord(fake);
      const refused = await gql(
        h.url,
        FILE,
        { input: { recordId: late.id, reason: 'x' } },
        await subjectToken(late.creditCode),
      );
      expect(refused.errors![0].message).toContain('unavailable');
      expect(
        await h.app.dataSource
          .getRepository(OutboxEntity)
          .count({ where: { payload: JSON.stringify({ recordId: late.id }) } }),
      ).toBe(0);
      const first = await h.app.drainOutbox();
      expect(first).toMatchObject({ delivered: 0, retried: 1, failed: 0 });
      const [mark, apply, clear] = await rows(o.id);
      expect([mark.kind, apply.kind, clear.kind]).toEqual(['MARK', 'APPLY_CORRECTION', 'CLEAR']);
      expect(mark).toMatchObject({ status: 'PENDING', attempts: 1, deliveredAt: null, claimedUntil: null });
      expect(mark.lastError).toMatch(/^UNAVAILABLE: .*unreachable/);
      // Back-off: the next attempt is at least half a base step away, and the timer's pass honours it.
      expect(mark.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 200);
      expect(await h.app.services.worker.tick()).toEqual({ delivered: 0, retried: 0, failed: 0 });
      // Only the head of the objection was tried: a CLEAR never overtakes its MARK.
      expect(apply.attempts + clear.attempts).toBe(0);
      const shown = (await gql(h.url, GET, { id: o.id }, lead)).data!.objection;
      expect(shown).toMatchObject({ status: 'UPHELD', pendingEffects: 3, correction: { applied: false } });
    } finally {
      await fake.up();
    }
    const before = fake.calls.length;
    expect(await h.app.drainOutbox()).toMatchObject({ delivered: 3, failed: 0 });
    expect(fake.calls.slice(before).map((c) => c.op)).toEqual([
      'internalMarkUnderObjection',
      'internalApplyCorrection',
      'internalClearObjection',
    ]);
  });

  it('delivers again after a crash between the call and the mark; records applies it once', async () => {
    const { o } = await upheldWhile();
    await h.app.drainOutbox();
    const apply = (await rows(o.id)).find((r) => r.kind === 'APPLY_CORRECTION')!;
    // The worker died after records answered, before it marked the row delivered.
    await h.app.dataSource
      .getRepository(OutboxEntity)
      .update({ id: apply.id }, { status: 'PENDING', deliveredAt: null });
    expect(await h.app.drainOutbox()).toMatchObject({ delivered: 1 });
    expect(fake.effectsFor(o.id).filter((op) => op === 'internalApplyCorrection')).toHaveLength(2);
    expect([...fake.applied.keys()].filter((k) => k === `${o.id}:internalApplyCorrection`)).toHaveLength(1);
    // The applicant's view records the correction once.
    const timeline = (await gql(h.url, GET, { id: o.id }, lead)).data!.objection.timeline;
    expect(timeline.filter((e: any) => e.action === 'CORRECTION_APPLIED')).toHaveLength(1);
  });

  it('parks a row as FAILED after the maximum attempts, lists it for the lead department and retries it on request', async () => {
    const record = aRecord(fake);
    const id: string = (
      await gql(h.url, FILE, { input: { recordId: record.id, reason: 'x' } }, await subjectToken(record.creditCode))
    ).data!.fileObjection.id;
    await fake.down();
    try {
      for (let i = 0; i < 3; i++) await h.app.drainOutbox();
      expect((await rows(id)).map((r) => [r.status, r.attempts])).toEqual([['FAILED', 3]]);
      expect(await h.app.drainOutbox()).toEqual({ delivered: 0, retried: 0, failed: 0 });
      const listed = await gql(
        h.url,
        '{ undeliveredObjectionEffects { objectionId kind status attempts lastError } }',
        {},
        lead,
      );
      expect(listed.data!.undeliveredObjectionEffects).toContainEqual(
        expect.objectContaining({ objectionId: id, kind: 'MARK', status: 'FAILED', attempts: 3 }),
      );
      expect(
        (await gql(h.url, '{ undeliveredObjectionEffects { id } }', {}, await unitToken())).errors![0].extensions!.code,
      ).toBe('FORBIDDEN');
    } finally {
      await fake.up();
    }
    const retried = await gql(h.url, 'mutation($id: ID!) { retryObjectionEffects(id: $id) }', { id }, lead);
    expect(retried.data!.retryObjectionEffects).toBe(1);
    await h.app.drainOutbox();
    expect((await rows(id)).map((r) => r.status)).toEqual(['DELIVERED']);
  });

  it('answers a filing while records is down SERVICE_UNAVAILABLE, retryable, and writes nothing', async () => {
    const record = aRecord(fake);
    const token = await subjectToken(record.creditCode);
    const before = await h.app.dataSource.getRepository(ObjectionEntity).count();
    await fake.down();
    let answer;
    try {
      answer = await gql(h.url, FILE, { input: { recordId: record.id, reason: 'x' } }, token);
    } finally {
      await fake.up();
    }
    expect(answer.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(await h.app.dataSource.getRepository(ObjectionEntity).count()).toBe(before);
  });

  it('parks a row refused by records at once (retrying cannot fix it)', async () => {
    const record = aRecord(fake);
    fake.refusing.add(record.id);
    const filed = (
      await gql(h.url, FILE, { input: { recordId: record.id, reason: 'x' } }, await subjectToken(record.creditCode))
    ).data!.fileObjection;
    expect(await h.app.drainOutbox()).toMatchObject({ failed: 1 });
    const [row] = await rows(filed.id);
    expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect(row.lastError).toContain('BAD_USER_INPUT');
  });

  it('delivers MARK before CLEAR for an objection filed and withdrawn during an outage', async () => {
    const record = aRecord(fake);
    const token = await subjectToken(record.creditCode);
    const id: string = (await gql(h.url, FILE, { input: { recordId: record.id, reason: 'x' } }, token)).data!
      .fileObjection.id;
    await fake.down();
    try {
      await gql(h.url, WITHDRAW, { id }, token);
      await h.app.drainOutbox();
    } finally {
      await fake.up();
    }
    await h.app.drainOutbox();
    expect(fake.effectsFor(id)).toEqual(['internalMarkUnderObjection', 'internalClearObjection']);
  });

  it('runs on its own timer when polling is on, and stops with the app', async () => {
    const own = await startApp((env) => createObjectionsApp(loadObjectionsEnv(env)), {
      RECORDS_URL: fake.url,
      ENTITIES_URL: register.url,
      OUTBOX_POLL_MS: '50',
    });
    try {
      const record = aRecord(fake);
      const id = (
        await gql(own.url, FILE, { input: { recordId: record.id, reason: 'x' } }, await subjectToken(record.creditCode))
      ).data!.fileObjection.id;
      const until = Date.now() + 20_000;
      while (!fake.effectsFor(id).length && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      expect(fake.effectsFor(id)).toEqual(['internalMarkUnderObjection']);
    } finally {
      await own.stop();
    }
  });
});
