import 'reflect-metadata';
import { openDatabase, runTallyCli } from '@credit/shared';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from '../entities';
import { loadObjectionsEnv } from '../env';
import { checkObjectionTallies, rebuildObjectionTallies } from './objectionTallies';

runTallyCli({
  name: 'objections-stats',
  rebuilds: 'recompute the objection tallies from the objections',
  checks: 'compare the stored objection tallies with the objections (exit 1 on a drift)',
  unit: 'objections',
  label: 'objections ',
  open: () => {
    const env = loadObjectionsEnv(process.env);
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
    `rebuilt ${(await rebuildObjectionTallies(db, progress)).rows.toLocaleString()} objection tally rows`,
  check: checkObjectionTallies,
  differ: 'objection tally row(s) differ from the objections',
  agree: 'the objection tallies agree with the objections',
});
