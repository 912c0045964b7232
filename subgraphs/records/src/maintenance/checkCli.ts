import 'reflect-metadata';
import { cacheTarget, openCache, runMain, SubjectChanges } from '@credit/shared';
import { openRecordsDatabase } from '../entities';
import { loadRecordsEnv } from '../env';
import { RecordService } from '../record/record.service';
import { findDuplicateDecisions, findStoredNonPunishments, revokeNonPunishments } from './storedRecordChecks';

const USAGE = `usage:
  checkCli non-punishment [--revoke]   stored records whose text states 不予/免予处罚 (a lawful non-punishment);
                                       --revoke revokes each with a revision that says why
  checkCli duplicates                  decisions (authority code + number) held by more than one record`;

runMain('records-check', async () => {
  const [what, flag] = process.argv.slice(2);
  if (what !== 'non-punishment' && what !== 'duplicates') throw new Error(USAGE);
  const env = loadRecordsEnv(process.env);
  const db = await openRecordsDatabase(env);
  try {
    if (what === 'duplicates') {
      const dups = await findDuplicateDecisions(db);
      for (const d of dups)
        process.stdout.write(
          `${d.decidingAuthorityCode}\t${d.decisionNumber}\t${d.records} records\tunits ${d.units}\n`,
        );
      process.stdout.write(`${dups.length} decision(s) held more than once\n`);
      return;
    }
    const findings = await findStoredNonPunishments(db);
    for (const f of findings)
      process.stdout.write(`${f.id}\t${f.sourceUnitCode}\t${f.decisionNumber}\t${f.field}: ${f.wording}\n`);
    process.stdout.write(`${findings.length} stored record(s) state a lawful non-punishment\n`);
    if (flag === '--revoke' && findings.length) {
      // Revocations change subjects' histories: the gateway's cached copies must learn it.
      const shared = await openCache({ ...cacheTarget(env), namespace: `${env.CACHE_PREFIX}:shared` });
      const n = await revokeNonPunishments(new RecordService(db, new SubjectChanges(shared)), findings, (done) =>
        process.stderr.write(`\rrevoked ${done}/${findings.length}`),
      );
      await shared.close();
      process.stderr.write('\n');
      process.stdout.write(`revoked ${n} record(s), each with a revision that says why\n`);
    }
  } finally {
    await db.destroy();
  }
});
