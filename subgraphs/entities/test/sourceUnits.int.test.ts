import { AuditEntry, makeCreditCode } from '@credit/shared';
import { errorCode, gql, startApp, tokenFor, usingMysql } from '@credit/shared/test';
import { createEntitiesApp, loadEntitiesEnv, type EntitiesApp } from '../src';

let h: Awaited<ReturnType<typeof startApp<EntitiesApp>>>;
let lead: string;
beforeAll(async () => {
  h = await startApp((env) => createEntitiesApp(loadEntitiesEnv(env)));
  lead = await tokenFor({ role: 'LEAD_DEPARTMENT' });
});
afterAll(() => h.stop());

const REGISTER =
  'mutation($i: RegisterSourceUnitInput!) { registerSourceUnit(input: $i) { code name creditCode regionCode domainCodes active } }';
const CHANGE =
  'mutation($c: String!, $i: ChangeSourceUnitInput!) { changeSourceUnit(code: $c, input: $i) { code regionCode domainCodes } }';
const ACTIVE = 'mutation($c: String!, $a: Boolean!) { setSourceUnitActive(code: $c, active: $a) { code active } }';
const LIST = 'query($d: String) { sourceUnits(domainCode: $d) { code creditCode active domainCodes } }';

let n = Math.floor(Math.random() * 1e5);
const unitInput = (over: Record<string, unknown> = {}) => ({
  code: `gz-t${++n}`,
  name: '贵阳市测试局',
  creditCode: makeCreditCode('11', '520100', 12_000_000 + n),
  regionCode: '520100',
  domainCodes: ['D07', 'd14'],
  ...over,
});

describe(`the register of source units on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  it('lets the lead department register, change and deactivate a unit, each change audited', async () => {
    const input = unitInput();
    const r = await gql(h.url, REGISTER, { i: input }, lead);
    expect(r.errors).toBeUndefined();
    const code = input.code.toUpperCase();
    expect(r.data!.registerSourceUnit).toEqual({
      code,
      name: '贵阳市测试局',
      creditCode: input.creditCode,
      regionCode: '520100',
      domainCodes: ['D07', 'D14'],
      active: true,
    });
    const changed = await gql(h.url, CHANGE, { c: code, i: { domainCodes: ['D14'], regionCode: '520300' } }, lead);
    expect(changed.data!.changeSourceUnit).toEqual({ code, regionCode: '520300', domainCodes: ['D14'] });
    const off = await gql(h.url, ACTIVE, { c: code, a: false }, lead);
    expect(off.data!.setSourceUnitActive).toEqual({ code, active: false });

    const listed = await gql(h.url, LIST, { d: 'D14' }, lead);
    expect(listed.data!.sourceUnits).toContainEqual({
      code,
      creditCode: input.creditCode,
      active: false,
      domainCodes: ['D14'],
    });
    const trail = await h.app.dataSource
      .getRepository(AuditEntry)
      .find({ where: [{ target: code }, { target: `${code} domainCodes,regionCode` }, { target: `${code} active` }] });
    expect(trail.map((e) => e.action).sort()).toEqual([
      'sourceUnit.change',
      'sourceUnit.deactivate',
      'sourceUnit.register',
    ]);
  });

  it('refuses bad input with the field at fault and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ code: 'bad code!' }, 'input.code'],
      [{ creditCode: '11520100MB1234567X' }, 'input.creditCode'],
      [{ regionCode: '110000' }, 'input.regionCode'],
      [{ domainCodes: ['D07', 'D99'] }, 'input.domainCodes'],
      [{ domainCodes: [] }, 'input.domainCodes'],
      [{ name: ' ' }, 'input.name'],
    ];
    for (const [over, field] of cases) {
      const input = unitInput(over);
      const r = await gql(h.url, REGISTER, { i: input }, lead);
      expect(errorCode(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].extensions!.field).toBe(field);
      const listed = await gql(h.url, LIST, {}, lead);
      expect(listed.data!.sourceUnits.map((u: { code: string }) => u.code)).not.toContain(
        String(input.code).toUpperCase(),
      );
    }
    const input = unitInput();
    await gql(h.url, REGISTER, { i: input }, lead);
    const again = await gql(h.url, REGISTER, { i: input }, lead);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(errorCode(await gql(h.url, CHANGE, { c: 'GZ-NOPE', i: { name: '某局' } }, lead))).toBe('NOT_FOUND');
  });

  it('lets nobody but the lead department change the register', async () => {
    for (const token of [
      await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] }),
      await tokenFor({ role: 'ANALYST' }),
      await tokenFor({ role: 'SERVICE', service: 'records' }),
    ]) {
      const r = await gql(h.url, REGISTER, { i: unitInput() }, token);
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    expect(errorCode(await gql(h.url, REGISTER, { i: unitInput() }))).toBe('UNAUTHENTICATED');
  });
});
