import 'reflect-metadata';
import { openDatabase, runMain } from '@credit/shared';
import { ENTITIES, MIGRATIONS, SERVICE_NAME } from '../entities';
import { loadReportsEnv } from '../env';
import { checkReportTallies, rebuildReportTallies, type Progress } from './reportTallies';

const USAGE = `usage:
  statsCli rebuild   recompute the report tallies (issued, revoked) from the reports; verification counts are kept
  statsCli check     compare the stored report tallies with the reports (exit 1 on a drift)`;

/** A progress bar on stderr, redrawn at most twice a second. */
function bar(label: string): Progress {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 500 && done < total) return;
    last = now;
    const filled = '#'.repeat(Math.round((done / Math.max(1, total)) * 30)).padEnd(30, '.');
    process.stderr.write(`\r${label} [${filled}] ${done}/${total} rows   `);
    if (done >= total) process.stderr.write('\n');
  };
}

runMain('reports-stats', async () => {
  const what = process.argv[2];
  if (what !== 'rebuild' && what !== 'check') throw new Error(USAGE);
  const env = loadReportsEnv(process.env);
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
      const r = await rebuildReportTallies(db, bar('reports rebuild'));
      process.stdout.write(`rebuilt ${r.rows.toLocaleString()} report tally rows in ${seconds()} s\n`);
      return;
    }
    const drifts = await checkReportTallies(db, bar('reports check'));
    for (const d of drifts.slice(0, 50))
      process.stdout.write(`${d.table}\t${d.key}\tstored ${d.stored}\texpected ${d.expected}\n`);
    if (drifts.length > 50) process.stdout.write(`… and ${drifts.length - 50} more\n`);
    process.stdout.write(
      drifts.length
        ? `${drifts.length} report tally row(s) differ from the reports (${seconds()} s); pnpm stats:rebuild recomputes them\n`
        : `the report tallies agree with the reports (${seconds()} s)\n`,
    );
    if (drifts.length) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
});
