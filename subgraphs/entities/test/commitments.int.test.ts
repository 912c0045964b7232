import { AuditEntry } from '@credit/shared';
import { errorCode, gql, startApp, tokenFor, usingMysql } from '@credit/shared/test';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '../src';
import { enterpriseInput, UPSERT } from './builders';

let h: Awaited<ReturnType<typeof startApp<EntitiesApp>>>;
let lead: string;
beforeAll(async () => {
  h = await startApp((env) => createEntitiesApp(loadEntitiesEnv(env)));
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => h.stop());

const MAKE =
  'mutation($i: MakeCommitmentInput!) { makeCommitment(input: $i) { id creditCode domainCodes statement status breachReason } }';
const BREACH =
  'mutation($id: ID!, $r: String!) { markCommitmentBreached(id: $id, reason: $r) { status breachReason breachedAt } }';
const CLEAR =
  'mutation($id: ID!, $r: String!) { clearCommitmentBreach(id: $id, reason: $r) { status breachReason clearReason } }';
const STATUS = 'query($c: String!) { internalCommitmentStatus(creditCode: $c) { breached reasons } }';
const OF_SUBJECT = 'query($c: String!) { subject(creditCode: $c) { commitments { id status domainCodes } } }';

async function subject() {
  const row = enterpriseInput();
  await gql(h.url, UPSERT, { subjects: [row] }, lead);
  return {
    code: row.creditCode as string,
    token: await tokenFor({ role: 'SUBJECT', creditCode: row.creditCode as string }),
  };
}
const service = () => tokenFor({ role: 'SERVICE', service: 'reports' });
const unit = (d: string) => tokenFor({ role: 'SOURCE_UNIT', unitCode: `GZ-${d}`, domains: [d] });

describe(`credit commitments on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('lets a subject pledge for catalogue domains, validating every input', async () => {
    const s = await subject();
    const r = await gql(
      h.url,
      MAKE,
      { i: { domains: ['d30', 'D43', 'D30'], statement: '  本企业承诺在上述领域无违法违规行为。 ' } },
      s.token,
    );
    expect(r.data!.makeCommitment).toMatchObject({
      creditCode: s.code,
      domainCodes: ['D30', 'D43'],
      statement: '本企业承诺在上述领域无违法违规行为。',
      status: 'ACTIVE',
    });
    for (const [i, field] of [
      [{ domains: [], statement: 'x' }, 'input.domains'],
      [{ domains: ['D99'], statement: 'x' }, 'input.domains[0]'],
      [{ domains: ['D30'], statement: ' ' }, 'input.statement'],
      [{ domains: ['D30'], statement: 'a\u0000b' }, 'input.statement'],
    ] as const) {
      const bad = await gql(h.url, MAKE, { i }, s.token);
      expect([errorCode(bad), bad.errors?.[0].extensions?.field]).toEqual(['BAD_USER_INPUT', field]);
    }
    const other = await subject();
    expect(
      errorCode(await gql(h.url, MAKE, { i: { creditCode: other.code, domains: ['D30'], statement: 'x' } }, s.token)),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await gql(
          h.url,
          MAKE,
          { i: { domains: ['D30'], statement: 'x' } },
          await tokenFor({ role: 'PARTNER', partnerId: 'p', province: '510000' }),
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('lets an operator commit for a present subject, audited, but not for an unknown one', async () => {
    const s = await subject();
    const op = await tokenFor({ role: 'OPERATOR', operatorId: 'window-01' });
    expect(errorCode(await gql(h.url, MAKE, { i: { domains: ['D30'], statement: 'x' } }, op))).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await gql(h.url, MAKE, { i: { creditCode: '91520000214434146R', domains: ['D30'], statement: 'x' } }, op),
      ),
    ).toBe('NOT_FOUND');
    const r = await gql(h.url, MAKE, { i: { creditCode: s.code, domains: ['D30'], statement: '承诺' } }, op);
    expect(r.data!.makeCommitment.status).toBe('ACTIVE');
    const audits = await h.app.dataSource
      .getRepository(AuditEntry)
      .findBy({ subjectCode: s.code, action: 'commitment.make' });
    expect(audits.map((a) => a.actor)).toEqual(['operator:window-01']);
  });

  it('is marked breached by the lead department or a unit of its domains, and cleared by the lead department only', async () => {
    const s = await subject();
    const id = (await gql(h.url, MAKE, { i: { domains: ['D30'], statement: '承诺' } }, s.token)).data!.makeCommitment
      .id;
    expect((await gql(h.url, STATUS, { c: s.code }, await service())).data!.internalCommitmentStatus).toEqual({
      breached: false,
      reasons: [],
    });

    expect(errorCode(await gql(h.url, BREACH, { id, r: '虚假承诺' }, await unit('D07')))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, BREACH, { id, r: '虚假承诺' }, s.token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, BREACH, { id, r: '  ' }, lead))).toBe('BAD_USER_INPUT');
    expect(errorCode(await gql(h.url, BREACH, { id: '00000000-0000-0000-0000-000000000000', r: 'x' }, lead))).toBe(
      'NOT_FOUND',
    );
    const b = await gql(h.url, BREACH, { id, r: '经核查存在未披露的行政处罚' }, await unit('D30'));
    expect(b.data!.markCommitmentBreached).toMatchObject({
      status: 'BREACHED',
      breachReason: '经核查存在未披露的行政处罚',
    });
    expect(errorCode(await gql(h.url, BREACH, { id, r: 'again' }, lead))).toBe('CONFLICT');
    expect((await gql(h.url, STATUS, { c: s.code }, await service())).data!.internalCommitmentStatus).toEqual({
      breached: true,
      reasons: ['经核查存在未披露的行政处罚'],
    });

    expect(errorCode(await gql(h.url, CLEAR, { id, r: '复核撤销' }, await unit('D30')))).toBe('FORBIDDEN');
    const c = await gql(h.url, CLEAR, { id, r: '复核撤销认定' }, lead);
    expect(c.data!.clearCommitmentBreach).toMatchObject({
      status: 'ACTIVE',
      breachReason: '经核查存在未披露的行政处罚',
      clearReason: '复核撤销认定',
    });
    expect(errorCode(await gql(h.url, CLEAR, { id, r: 'again' }, lead))).toBe('CONFLICT');
    expect((await gql(h.url, STATUS, { c: s.code }, await service())).data!.internalCommitmentStatus.breached).toBe(
      false,
    );
  });

  it('answers the internal status to services only', async () => {
    const s = await subject();
    for (const token of [s.token, lead])
      expect(errorCode(await gql(h.url, STATUS, { c: s.code }, token))).toBe('FORBIDDEN');
    expect(errorCode(await gql(h.url, STATUS, { c: 'nonsense' }, await service()))).toBe('BAD_USER_INPUT');
  });

  it('shows Subject.commitments to the owner and officials, audits others, and refuses partners', async () => {
    const s = await subject();
    await gql(h.url, MAKE, { i: { domains: ['D30'], statement: '承诺一' } }, s.token);
    await gql(h.url, MAKE, { i: { domains: ['D31'], statement: '承诺二' } }, s.token);
    const own = await gql(h.url, OF_SUBJECT, { c: s.code }, s.token);
    expect(own.data!.subject.commitments.map((c: { domainCodes: string[] }) => c.domainCodes[0]).sort()).toEqual([
      'D30',
      'D31',
    ]);
    const before = await h.app.dataSource
      .getRepository(AuditEntry)
      .countBy({ subjectCode: s.code, action: 'commitment.read' });
    expect(before).toBe(0);
    expect((await gql(h.url, OF_SUBJECT, { c: s.code }, lead)).data!.subject.commitments).toHaveLength(2);
    expect(
      await h.app.dataSource.getRepository(AuditEntry).countBy({ subjectCode: s.code, action: 'commitment.read' }),
    ).toBe(1);
    const partner = await gql(
      h.url,
      OF_SUBJECT,
      { c: s.code },
      await tokenFor({ role: 'PARTNER', partnerId: 'p', province: '510000' }),
    );
    expect(errorCode(partner)).toBe('FORBIDDEN');
  });
});
