import 'reflect-metadata';
import { runTallyCli } from '@credit/shared';
import { openRecordsDatabase } from '../entities';
import { loadRecordsEnv } from '../env';
import { checkTallies, rebuildTallies } from './tallyMaintenance';

runTallyCli({
  name: 'records-stats',
  rebuilds: 'recompute the statistics and quality tallies from the records and the submission log',
  checks: 'compare the stored tallies with the records and the submission log (exit 1 on a drift)',
  unit: 'months',
  open: () => openRecordsDatabase(loadRecordsEnv(process.env)),
  rebuild: async (db, progress) => {
    const r = await rebuildTallies(db, progress);
    return `rebuilt ${r.rows.toLocaleString()} tally rows over ${r.months} months`;
  },
  check: checkTallies,
  differ: 'tally row(s) differ from the source rows',
  agree: 'the tallies agree with the source rows',
});
