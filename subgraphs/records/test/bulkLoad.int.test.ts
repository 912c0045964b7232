import { usingMysql } from '@credit/shared/test';
import { newRecordId } from '../src/record/recordId';
import { RecordEntity } from '../src/record/record.entity';
import { RevisionEntity } from '../src/record/revision.entity';
import { bulkLoad, isLocalInfileRefused, loadDataField } from '../src/submission/bulkLoad';
import { startRecordsWithEntities } from './builders';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
beforeAll(async () => {
  h = await startRecordsWithEntities();
});
afterAll(() => h.stop());

const now = new Date('2025-03-05T01:02:03.456Z');
const record = (over: Partial<RecordEntity> = {}): RecordEntity =>
  Object.assign(
    new RecordEntity(),
    {
      id: newRecordId(),
      sourceUnitCode: 'GZ-LOAD',
      decisionNumber: `load-${Math.random()}`,
      category: 'ADMINISTRATIVE_PENALTY',
      simplifiedProcedure: true,
      domainCode: 'D07',
      creditCode: '91520100400000077W',
      subjectName: '某公司',
      subjectType: 'LEGAL_ENTITY',
      violationType: null,
      facts: 'f',
      legalBasis: 'b',
      penaltyTypes: '警告;罚款',
      penaltyContent: null,
      fineAmount: '1234.50',
      confiscatedAmount: null,
      licenceAction: null,
      licenceDetail: null,
      decisionDate: '2025-03-01',
      effectiveUntil: null,
      publicityDeadline: '2026-03-01',
      decidingAuthority: '机关',
      decidingAuthorityCode: '11520000112000005Y',
      regionCode: '520100',
      remarks: null,
      submittedAt: now,
      lagDays: 4,
      status: 'EFFECTIVE',
      repairedAt: null,
      repairBasis: null,
      revokedAt: null,
      revokeReason: null,
      underObjection: false,
      version: 1,
      updatedAt: now,
    },
    over,
  );

describe(`bulkLoad on ${usingMysql ? 'MariaDB/MySQL (LOAD DATA LOCAL INFILE)' : 'SQLite (multi-row INSERT)'}`, () => {
  it('escapes the LOAD DATA delimiters, the escape character and NULL', () => {
    expect(loadDataField(null)).toBe('\\N');
    expect(loadDataField('\\N')).toBe('\\\\N');
    expect(loadDataField('a\tb\nc\rd\\e\0f')).toBe('a\\tb\\nc\\rd\\\\e\\0f');
    expect(loadDataField(false)).toBe('0');
    expect(loadDataField(now)).toBe('2025-03-05 01:02:03.456');
  });

  it('stores values with tabs, line breaks, backslashes, NULLs, dates and booleans exactly', async () => {
    const ds = h.records.app.dataSource;
    const awkward = record({
      facts: '第一行\n第二行\twith tab\r\nand \\ backslash, "quotes", \'apostrophes\'',
      remarks: '\\N',
      penaltyContent: null,
      violationType: '',
    });
    await ds.transaction((tx) => bulkLoad(tx, RecordEntity, [awkward, record()]));
    const back = await ds.getRepository(RecordEntity).findOneByOrFail({ id: awkward.id });
    expect(back).toMatchObject({
      facts: awkward.facts,
      remarks: '\\N',
      penaltyContent: null,
      violationType: '',
      simplifiedProcedure: true,
      underObjection: false,
      fineAmount: '1234.50',
      confiscatedAmount: null,
      decisionDate: '2025-03-01',
      effectiveUntil: null,
      publicityDeadline: '2026-03-01',
    });
    expect(new Date(back.submittedAt).toISOString()).toBe(now.toISOString());
  });

  it('fails on a duplicate key as an INSERT would, and the transaction keeps none of the rows', async () => {
    const ds = h.records.app.dataSource;
    const first = record();
    await ds.transaction((tx) => bulkLoad(tx, RecordEntity, [first]));
    const fresh = record();
    const err = await ds
      .transaction((tx) => bulkLoad(tx, RecordEntity, [fresh, record({ id: first.id })]))
      .catch((e: unknown) => e);
    expect(String((err as { code?: string }).code)).toMatch(/^(ER_DUP_ENTRY|SQLITE_CONSTRAINT)/);
    expect(await ds.getRepository(RecordEntity).countBy({ id: fresh.id })).toBe(0);
  });

  (usingMysql ? it : it.skip)(
    'fails instead of truncating a value too long for its column (LOCAL turns errors into warnings)',
    async () => {
      const ds = h.records.app.dataSource;
      const tooLong = record({ regionCode: '5201001' });
      await expect(ds.transaction((tx) => bulkLoad(tx, RecordEntity, [tooLong]))).rejects.toThrow(
        /1 of 1 rows|regionCode/,
      );
      expect(await ds.getRepository(RecordEntity).countBy({ id: tooLong.id })).toBe(0);
    },
  );

  it('fills generated ids, and loads rows outside a transaction through INSERT', async () => {
    const ds = h.records.app.dataSource;
    const r = record();
    await ds.transaction((tx) => bulkLoad(tx, RecordEntity, [r]));
    await bulkLoad(ds.manager, RevisionEntity, [
      {
        recordId: r.id,
        seq: 1,
        action: 'CREATED',
        actor: 't',
        at: now,
        reason: 'r',
        objectionId: null,
        batchId: null,
        changes: null,
      },
    ]);
    const [rev] = await ds.getRepository(RevisionEntity).findBy({ recordId: r.id });
    expect(rev.id).toBeGreaterThan(0);
  });

  it('tells a server that forbids LOCAL loads from a failed load', () => {
    expect(isLocalInfileRefused({ code: 'ER_NOT_ALLOWED_COMMAND', errno: 1148 })).toBe(true);
    expect(isLocalInfileRefused({ driverError: { code: 'ER_CLIENT_LOCAL_FILES_DISABLED', errno: 3948 } })).toBe(true);
    expect(isLocalInfileRefused({ code: 'ER_DUP_ENTRY', errno: 1062 })).toBe(false);
    expect(isLocalInfileRefused({ errno: 4166 })).toBe(true);
    expect(isLocalInfileRefused(new Error('boom'))).toBe(false);
  });

  // Last in this file: it leaves this DataSource on INSERTs. MySQL 8's default is local_infile=OFF.
  (usingMysql ? it : it.skip)(
    'falls back to INSERT, inside the same transaction, when the server has local_infile off (MySQL pass only)',
    async () => {
      const ds = h.records.app.dataSource;
      const [{ Value: before }] = await ds.query("SHOW GLOBAL VARIABLES LIKE 'local_infile'");
      await ds.query('SET GLOBAL local_infile = 0');
      try {
        const rows = [record(), record()];
        await ds.transaction(async (tx) => {
          await bulkLoad(tx, RecordEntity, rows);
          await bulkLoad(
            tx,
            RevisionEntity,
            rows.map((r) => ({
              recordId: r.id,
              seq: 1,
              action: 'CREATED',
              actor: 't',
              at: now,
              reason: 'r',
              objectionId: null,
              batchId: null,
              changes: null,
            })),
          );
        });
        expect(await ds.getRepository(RecordEntity).countBy(rows.map((r) => ({ id: r.id })))).toBe(2);
        expect(await ds.getRepository(RevisionEntity).countBy(rows.map((r) => ({ recordId: r.id })))).toBe(2);
      } finally {
        await ds.query(`SET GLOBAL local_infile = ${before === 'ON' ? 1 : 0}`);
      }
    },
  );
});
