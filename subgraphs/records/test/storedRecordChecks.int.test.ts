import { usingMysql } from '@credit/shared/test';
import {
  findDuplicateDecisions,
  findStoredNonPunishments,
  revokeNonPunishments,
} from '../src/maintenance/storedRecordChecks';
import { NEAR_MISS_WORDINGS, NON_PUNISHMENT_WORDINGS } from '../src/import/nationalExport';
import { RecordEntity } from '../src/record/record.entity';
import { RevisionEntity } from '../src/record/revision.entity';
import { RecordStatus } from '../src/record/record.type';
import { recordInput, startRecordsWithEntities, SUBMIT } from './builders';
import { gql, tokenFor } from '@credit/shared/test';

let h: Awaited<ReturnType<typeof startRecordsWithEntities>>;
beforeAll(async () => {
  h = await startRecordsWithEntities();
});
afterAll(() => h.stop());

const repo = () => h.records.app.dataSource.getRepository(RecordEntity);

describe(`checks of stored records (${usingMysql ? 'MariaDB/MySQL' : 'SQLite'})`, () => {
  it('finds records stored before the 不予处罚 rule and revokes each with a revision that says why', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const rows = [recordInput(), recordInput(), recordInput(), recordInput()];
    const r = await gql(h.records.url, SUBMIT, { records: rows }, unit);
    expect(r.data!.submitRecords.created).toBe(4);
    // As the importer stored them before the rule: the wording says lawful non-punishment.
    await repo().update(
      { decisionNumber: rows[0].decisionNumber },
      { penaltyTypes: '不予行政处罚', penaltyContent: '责令改正', fineAmount: null },
    );
    await repo().update(
      { decisionNumber: rows[1].decisionNumber },
      { penaltyTypes: null, penaltyContent: '免予处罚（首违不罚）', fineAmount: null },
    );
    // Punished after all (a fine) and partial non-punishment: records, left alone.
    await repo().update({ decisionNumber: rows[2].decisionNumber }, { penaltyTypes: '不予处罚' });
    await repo().update(
      { decisionNumber: rows[3].decisionNumber },
      { penaltyTypes: '警告;不予处罚', fineAmount: null },
    );

    const ours = new Set(rows.map((x) => x.decisionNumber));
    const found = (await findStoredNonPunishments(h.records.app.dataSource)).filter((f) => ours.has(f.decisionNumber));
    expect(found.map((f) => [f.decisionNumber, f.field, f.wording]).sort()).toEqual(
      [
        [rows[0].decisionNumber, 'penaltyTypes', '不予行政处罚'],
        [rows[1].decisionNumber, 'penaltyContent', '免予处罚'],
      ].sort(),
    );

    expect(await revokeNonPunishments(h.records.app.services.records, found)).toBe(2);
    for (const f of found) {
      const stored = await repo().findOneByOrFail({ id: f.id });
      expect(stored.status).toBe(RecordStatus.REVOKED);
      const revision = await h.records.app.dataSource
        .getRepository(RevisionEntity)
        .findOneByOrFail({ recordId: f.id, action: 'REVOKED' });
      expect(revision.reason).toContain(f.wording);
      expect(revision.actor).toContain('records-check');
    }
    // Revoked ones are not found again; the other two stay records.
    const again = (await findStoredNonPunishments(h.records.app.dataSource)).filter((f) => ours.has(f.decisionNumber));
    expect(again).toEqual([]);
    expect((await repo().findOneByOrFail({ decisionNumber: rows[2].decisionNumber })).status).toBe(
      RecordStatus.EFFECTIVE,
    );
  });

  it('finds 不予处罚 by meaning: 处罚类别 其他 and the decision anywhere in 处罚内容, not its near misses', async () => {
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    const wordings = [...NON_PUNISHMENT_WORDINGS, ...NEAR_MISS_WORDINGS];
    const rows = wordings.map(() => recordInput());
    const r = await gql(h.records.url, SUBMIT, { records: rows }, unit);
    expect(r.data!.submitRecords.created).toBe(rows.length);
    // As the importer stored them under the rule that read only the opening of a missing 处罚类别.
    for (const [i, [category, content]] of wordings.entries()) {
      await repo().update(
        { decisionNumber: rows[i].decisionNumber },
        { penaltyTypes: category || null, penaltyContent: content, fineAmount: null },
      );
    }
    const ours = new Map(rows.map((x, i) => [x.decisionNumber, i]));
    const found = (await findStoredNonPunishments(h.records.app.dataSource)).filter((f) => ours.has(f.decisionNumber));
    expect(found.map((f) => ours.get(f.decisionNumber)).sort((a, b) => a! - b!)).toEqual(
      NON_PUNISHMENT_WORDINGS.map((_, i) => i),
    );
    const observed = found.find((f) => ours.get(f.decisionNumber) === 3)!;
    expect(observed).toMatchObject({ field: 'penaltyContent', wording: '依法不予行政处罚' });

    expect(await revokeNonPunishments(h.records.app.services.records, found)).toBe(NON_PUNISHMENT_WORDINGS.length);
    const revision = await h.records.app.dataSource
      .getRepository(RevisionEntity)
      .findOneByOrFail({ recordId: observed.id, action: 'REVOKED' });
    expect(revision.reason).toBe(
      '依法不予行政处罚 ("依法不予行政处罚" in penaltyContent): a lawful non-punishment is not a record (plan 二(2)); revoked by records:check',
    );
    // The near misses punished: they stay records, and nothing is found twice.
    for (const [i] of NEAR_MISS_WORDINGS.entries()) {
      const stored = await repo().findOneByOrFail({
        decisionNumber: rows[NON_PUNISHMENT_WORDINGS.length + i].decisionNumber,
      });
      expect(stored.status).toBe(RecordStatus.EFFECTIVE);
    }
    const again = (await findStoredNonPunishments(h.records.app.dataSource)).filter((f) => ours.has(f.decisionNumber));
    expect(again).toEqual([]);
  });

  it('lists decisions held more than once, as a database from before the identity key may have them', async () => {
    const db = h.records.app.dataSource;
    const a = recordInput();
    const unit = await tokenFor({ role: 'SOURCE_UNIT', unitCode: 'GZ-D07', domains: ['D07'] });
    expect((await gql(h.records.url, SUBMIT, { records: [a] }, unit)).data!.submitRecords.created).toBe(1);
    const first = await repo().findOneByOrFail({ decisionNumber: a.decisionNumber });
    expect(await findDuplicateDecisions(db)).toEqual([]);
    // Recreate the old state: without the unique key a second unit's copy could be stored.
    const drop = usingMysql
      ? 'DROP INDEX `ux_record_authority_decision` ON `violation_record`'
      : 'DROP INDEX "ux_record_authority_decision"';
    await db.query(drop);
    // Another id for the copy (a ULID may itself end in Z).
    const copyId = `${first.id.slice(0, 25)}${first.id.endsWith('Z') ? 'Y' : 'Z'}`;
    try {
      await repo().insert({ ...first, id: copyId, sourceUnitCode: 'GZ-D14' });
      expect(await findDuplicateDecisions(db)).toEqual([
        {
          decidingAuthorityCode: first.decidingAuthorityCode,
          decisionNumber: first.decisionNumber,
          records: 2,
          units: expect.stringMatching(/GZ-D07.*GZ-D14|GZ-D14.*GZ-D07/),
        },
      ]);
    } finally {
      await repo().delete({ id: copyId });
      await db.query(
        usingMysql
          ? 'CREATE UNIQUE INDEX `ux_record_authority_decision` ON `violation_record` (`decisionNumber`, `decidingAuthorityCode`)'
          : 'CREATE UNIQUE INDEX "ux_record_authority_decision" ON "violation_record" ("decisionNumber", "decidingAuthorityCode")',
      );
    }
  });
});
