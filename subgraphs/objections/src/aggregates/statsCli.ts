import 'reflect-metadata';
import { openDatabase, runMain } from '@credit/shared';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from '../entities';
import { loadObjectionsEnv } from '../env';
import { checkObjectionTallies, rebuildObjectionTallies, type Progress } from './objectionTallies';

const USAGE = `usage:
  statsCli rebuild   recompute the objection tallies from the objections
  statsCli check     compare the stored objection tallies with the objections (exit 1 on a drift)`;

/** A progress bar on stderr, redrawn at most twice a second. */
function bar(label: string): Progress {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 500 && done < total) return;
    last = now;
    const filled = '#'.repeat(Math.round((done / Math.max(1, total)) * 30)).padEnd(30, '.');
    process.stderr.write(`\r${label} [${filled}] ${done}/${total} objections   `);
    if (done >= total) process.stderr.write('\n');
  };
}

runMain('objections-stats', async () => {
  const what = process.argv[2];
  if (what !== 'rebuild' && what !== 'check') throw new Error(USAGE);
  const env = loadObjectionsEnv(process.env);
  const db = await openDatabase({
    service: SERVICE_NAME,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    dbUrl: env.DB_URL,
    dataDir: env.DATA_DIR,
    poolSize: env.DB_POOL_SIZE,
  });
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    if (what === 'rebuild') {
      const r = await rebuildObjectionTallies(db, bar('objections rebuild'));
      process.stdout.write(`rebuilt ${r.rows.toLocaleString()} objection tally rows in ${seconds()} s\n`);
      return;
    }
    const drifts = await checkObjectionTallies(db, bar('objections check'));
    for (const d of drifts.slice(0, 50))
      process.stdout.write(`${d.table}\t${d.key}\tstored ${d.stored}\texpected ${d.expected}\n`);
    if (drifts.length > 50) process.stdout.write(`… and ${drifts.length - 50} more\n`);
    process.stdout.write(
      drifts.length
        ? `${drifts.length} objection tally row(s) differ from the objections (${seconds()} s); pnpm stats:rebuild recomputes them\n`
        : `the objection tallies agree with the objections (${seconds()} s)\n`,
    );
    if (drifts.length) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
});
