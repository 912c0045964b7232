import { AuditEntry, pendingSchemaChanges } from '@credit/shared';
import { errorCode, gql, type GqlResponse, startApp, tokenFor, usingMysql } from '@credit/shared/test';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '../src';
import { SubjectEntity } from '../src/subject/subject.entity';
import { enterpriseInput, naturalPersonInput, SUBJECT, UPSERT } from './builders';

let h: Awaited<ReturnType<typeof startApp<EntitiesApp>>>;
let lead: string;

beforeAll(async () => {
  h = await startApp((env) => createEntitiesApp(loadEntitiesEnv(env)));
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => h.stop());

const subjectCount = () => h.app.dataSource.getRepository(SubjectEntity).count();

describe(`entities subgraph on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('loads the 43-domain catalogue on first start', async () => {
    const r = await gql(h.url, '{ domains { code nameZh active } }');
    expect(r.data!.domains).toHaveLength(43);
    expect(r.data!.domains[6]).toEqual({ code: 'D07', nameZh: '市场监管', active: true });
  });

  it('upserts valid rows, rejects invalid ones with every reason and writes nothing for them', async () => {
    const before = await subjectCount();
    const good = [enterpriseInput(), enterpriseInput(), naturalPersonInput()];
    const bad = [
      enterpriseInput({ creditCode: good[0].creditCode.slice(0, 17) + (good[0].creditCode[17] === '0' ? '1' : '0') }),
      enterpriseInput({ regionCode: '110000', name: '' }),
      naturalPersonInput({ creditCode: '520102198506150000' }),
      enterpriseInput({ establishedOn: '2999-01-01' }),
    ];
    const r = await gql(h.url, UPSERT, { subjects: [...good, ...bad] }, lead);
    const p = r.data!.upsertSubjects;
    expect(p).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 4 });
    expect(p.results[3].reasons[0]).toEqual({
      field: 'creditCode',
      message: expect.stringContaining('check character'),
    });
    expect(p.results[4].reasons.map((x: { field: string }) => x.field).sort()).toEqual(['name', 'regionCode']);
    expect(p.results[5].reasons[0].message).toContain('GB 11643');
    expect(p.results[6].reasons[0]).toMatchObject({ field: 'establishedOn', message: 'must not be in the future' });
    expect(await subjectCount()).toBe(before + 3);

    const again = await gql(h.url, UPSERT, { subjects: good }, lead);
    expect(again.data!.upsertSubjects).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = await gql(h.url, UPSERT, { subjects: [{ ...good[0], status: 'REVOKED' }] }, lead);
    expect(changed.data!.upsertSubjects.results[0].verdict).toBe('UPDATED');
    expect(await subjectCount()).toBe(before + 3);
  });

  it('flags a duplicate code inside one batch instead of writing it twice', async () => {
    const row = enterpriseInput();
    const r = await gql(h.url, UPSERT, { subjects: [row, { ...row, name: '另一个名字' }] }, lead);
    expect(r.data!.upsertSubjects.results.map((x: { verdict: string }) => x.verdict)).toEqual(['CREATED', 'REJECTED']);
    expect(r.data!.upsertSubjects.results[1].reasons[0].message).toBe('duplicate of row 0 in this batch');
  });

  it('refuses an oversized batch as a whole and writes nothing', async () => {
    const before = await subjectCount();
    const rows = Array.from({ length: 1001 }, () => enterpriseInput());
    const r = await gql(h.url, UPSERT, { subjects: rows }, lead);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors![0].extensions).toMatchObject({ field: 'subjects', max: 1000, got: 1001 });
    expect(await subjectCount()).toBe(before);
  });

  it('lets only the lead department upsert', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const r = await gql(h.url, UPSERT, { subjects: [enterpriseInput()] }, unit);
    expect(errorCode(r)).toBe('FORBIDDEN');
    const anon = await gql(h.url, UPSERT, { subjects: [enterpriseInput()] });
    expect(errorCode(anon)).toBe('UNAUTHENTICATED');
  });

  it("masks a natural person for a non-owner and audits the read, but not the owner's own read", async () => {
    const person = naturalPersonInput();
    await gql(h.url, UPSERT, { subjects: [person] }, lead);
    const audits = () =>
      h.app.dataSource.getRepository(AuditEntry).countBy({ subjectCode: person.creditCode, action: 'subject.read' });

    const owner = await gql(
      h.url,
      SUBJECT,
      { code: person.creditCode },
      await tokenFor({ role: 'SUBJECT', creditCode: person.creditCode }),
    );
    expect(owner.data!.subject).toMatchObject({ name: '欧阳明华', masked: false });
    expect(await audits()).toBe(0);

    const operator = await gql(
      h.url,
      SUBJECT,
      { code: person.creditCode },
      await tokenFor({ role: 'OPERATOR', operatorId: 'w1' }),
    );
    expect(operator.data!.subject).toMatchObject({ name: '欧**华', masked: true });
    expect(await audits()).toBe(1);
    const entry = await h.app.dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ subjectCode: person.creditCode, action: 'subject.read' });
    expect(entry).toMatchObject({ actor: 'operator:w1', role: 'OPERATOR', action: 'subject.read' });
  });

  it('answers a malformed code with BAD_USER_INPUT naming the argument and the problem', async () => {
    const r = await gql(h.url, SUBJECT, { code: '91520000214434146Q' }, lead);
    expect(r.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'creditCode',
      problem: 'CHECK_CHARACTER',
    });
    expect(r.errors![0].message).toContain("should be 'R'");
  });

  it('pages subjects by keyset and hides natural persons from source units', async () => {
    await gql(h.url, UPSERT, { subjects: [enterpriseInput(), naturalPersonInput(), naturalPersonInput()] }, lead);
    const q = `query($after: String) { subjects(first: 2, after: $after) { edges { node { creditCode kind } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: GqlResponse = await gql(h.url, q, { after }, lead);
      const page: { edges: { node: { creditCode: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
        r.data!.subjects;
      seen.push(...page.edges.map((e: { node: { creditCode: string } }) => e.node.creditCode));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(await subjectCount());
    expect([...seen].sort()).toEqual(seen);

    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const r = await gql(h.url, `{ subjects(first: 100) { edges { node { kind } } } }`, {}, unit);
    const kinds = r.data!.subjects.edges.map((e: { node: { kind: string } }) => e.node.kind);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds).not.toContain('NATURAL_PERSON');
  });

  it('extends the catalogue and deactivates, never deletes, a domain', async () => {
    const add = await gql(
      h.url,
      `mutation { addDomain(input: { code: "D44", nameZh: "测试领域", nameEn: "Test" }) { code active sortOrder } }`,
      {},
      lead,
    );
    expect(add.data!.addDomain).toEqual({ code: 'D44', active: true, sortOrder: 44 });
    const dup = await gql(
      h.url,
      `mutation { addDomain(input: { code: "D44", nameZh: "x", nameEn: "x" }) { code } }`,
      {},
      lead,
    );
    expect(errorCode(dup)).toBe('CONFLICT');
    const bad = await gql(
      h.url,
      `mutation { addDomain(input: { code: "X1", nameZh: "x", nameEn: "x" }) { code } }`,
      {},
      lead,
    );
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    await gql(h.url, `mutation { setDomainActive(code: "D44", active: false) { active } }`, {}, lead);
    const active = await gql(h.url, '{ domains { code } }');
    const all = await gql(h.url, '{ domains(includeInactive: true) { code active } }');
    expect(active.data!.domains.map((d: { code: string }) => d.code)).not.toContain('D44');
    expect(all.data!.domains.at(-1)).toEqual({ code: 'D44', active: false });
  });

  (usingMysql ? it : it.skip)(
    'has migrations that match the entities (MySQL only; SQLite builds from entities)',
    async () => {
      expect(await pendingSchemaChanges(h.app.dataSource)).toEqual([]);
    },
  );
});
