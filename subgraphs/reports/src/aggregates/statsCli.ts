import 'reflect-metadata';
import { openDatabase, runTallyCli } from '@credit/shared';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from '../entities';
import { loadReportsEnv } from '../env';
import { checkReportTallies, rebuildReportTallies } from './reportTallies';

runTallyCli({
  name: 'reports-stats',
  rebuilds: 'recompute the report tallies (issued, revoked) from the reports; verification counts are kept',
  checks: 'compare the stored report tallies with the reports (exit 1 on a drift)',
  unit: 'rows',
  label: 'reports ',
  open: () => {
    const env = loadReportsEnv(process.env);
    return openDatabase({
      service: SERVICE_NAME,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      dbUrl: env.DB_URL,
      dataDir: env.DATA_DIR,
      poolSize: env.DB_POOL_SIZE,
    });
  },
  rebuild: async (db, progress) =>
    `rebuilt ${(await rebuildReportTallies(db, progress)).rows.toLocaleString()} report tally rows`,
  check: checkReportTallies,
  differ: 'report tally row(s) differ from the reports',
  agree: 'the report tallies agree with the reports',
});
