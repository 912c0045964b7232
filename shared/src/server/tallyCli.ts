import type { DataSource } from 'typeorm';
import { runMain } from './bootSubgraph';

/** How far a long rebuild or check has come: `done` of `total` units (months, rows, objections). */
export type Progress = (done: number, total: number) => void;

/** A stored tally row that differs from what its source rows give. */
export interface TallyDrift {
  table: string;
  key: string;
  stored: string | number;
  expected: string | number;
}

/** What one subgraph's `statsCli` rebuilds and checks; the runner does the rest. */
export interface TallyCli {
  /** "records-stats": names the process in a failure message. */
  name: string;
  /** The two usage lines after "statsCli rebuild" and "statsCli check". */
  rebuilds: string;
  checks: string;
  /** What the progress bar counts ("months") and its label's prefix ("reports "). */
  unit: string;
  label?: string;
  open(): Promise<DataSource>;
  /** Rebuilds, answering the summary line without the time. */
  rebuild(db: DataSource, progress: Progress): Promise<string>;
  check(db: DataSource, progress: Progress): Promise<TallyDrift[]>;
  /** "tally row(s) differ from the source rows", "the tallies agree with the source rows". */
  differ: string;
  agree: string;
}

/** A progress bar on stderr, redrawn at most twice a second. */
export function progressBar(
  label: string,
  unit: string,
  out: { write(s: string): unknown } = process.stderr,
): Progress {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - last < 500 && done < total) return;
    last = now;
    const filled = '#'.repeat(Math.round((done / Math.max(1, total)) * 30)).padEnd(30, '.');
    out.write(`\r${label} [${filled}] ${done}/${total} ${unit}   `);
    if (done >= total) out.write('\n');
  };
}

/** `statsCli rebuild|check` of every subgraph that keeps tallies (`pnpm stats:rebuild`, `pnpm stats:check`). */
export function runTallyCli(cli: TallyCli, argv: readonly string[] = process.argv): void {
  runMain(cli.name, async () => {
    const what = argv[2];
    if (what !== 'rebuild' && what !== 'check')
      throw new Error(`usage:\n  statsCli rebuild   ${cli.rebuilds}\n  statsCli check     ${cli.checks}`);
    const db = await cli.open();
    const started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    const bar = (verb: string) => progressBar(`${cli.label ?? ''}${verb}`, cli.unit);
    try {
      if (what === 'rebuild') {
        process.stdout.write(`${await cli.rebuild(db, bar('rebuild'))} in ${seconds()} s\n`);
        return;
      }
      const drifts = await cli.check(db, bar('check'));
      for (const d of drifts.slice(0, 50))
        process.stdout.write(`${d.table}\t${d.key}\tstored ${d.stored}\texpected ${d.expected}\n`);
      if (drifts.length > 50) process.stdout.write(`… and ${drifts.length - 50} more\n`);
      process.stdout.write(
        drifts.length
          ? `${drifts.length} ${cli.differ} (${seconds()} s); pnpm stats:rebuild recomputes them\n`
          : `${cli.agree} (${seconds()} s)\n`,
      );
      if (drifts.length) process.exitCode = 1;
    } finally {
      await db.destroy();
    }
  });
}
