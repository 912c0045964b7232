import 'reflect-metadata';
import { runMain } from '@credit/shared';
import { openRecordsDatabase } from '../entities';
import { loadRecordsEnv } from '../env';
import { checkTallies, rebuildTallies, type Progress } from './tallyMaintenance';

const USAGE = `usage:
  statsCli rebuild   recompute the statistics and quality tallies from the records and the submission log
  statsCli check     compare the stored tallies with the records and the submission log (exit 1 on a drift)`;

/** A progress bar on stderr, redrawn at most twice a second. */
function bar(label: string): Progress {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 500 && done < total) return;
    last = now;
    const filled = '#'.repeat(Math.round((done / Math.max(1, total)) * 30)).padEnd(30, '.');
    process.stderr.write(`\r${label} [${filled}] ${done}/${total} months   `);
    if (done >= total) process.stderr.write('\n');
  };
}

runMain('records-stats', async () => {
  const what = process.argv[2];
  if (what !== 'rebuild' && what !== 'check') throw new Error(USAGE);
  const db = await openRecordsDatabase(loadRecordsEnv(process.env));
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  try {
    if (what === 'rebuild') {
      const r = await rebuildTallies(db, bar('rebuild'));
      process.stdout.write(`rebuilt ${r.rows.toLocaleString()} tally rows over ${r.months} months in ${seconds()} s\n`);
      return;
    }
    const drifts = await checkTallies(db, bar('check'));
    for (const d of drifts.slice(0, 50))
      process.stdout.write(`${d.table}\t${d.key}\tstored ${d.stored}\texpected ${d.expected}\n`);
    if (drifts.length > 50) process.stdout.write(`… and ${drifts.length - 50} more\n`);
    process.stdout.write(
      drifts.length
        ? `${drifts.length} tally row(s) differ from the source rows (${seconds()} s); pnpm stats:rebuild recomputes them\n`
        : `the tallies agree with the source rows (${seconds()} s)\n`,
    );
    if (drifts.length) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
});
