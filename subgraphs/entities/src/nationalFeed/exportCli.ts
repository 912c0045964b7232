import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { createLogger, newUlid, runMain } from '@credit/shared';
import { openEntitiesDatabase } from '../entities';
import { loadEntitiesEnv } from '../env';
import { EXPORT_CONTEXT, exportNationalFeed } from './nationalExport';
import { feedStamp } from './nationalFeed.service';

const USAGE = `usage: pnpm export:national --out <file.jsonl> [--changed-since 2026-01-01T00:00:00Z] [--batch 1000]

Writes the out-of-province subjects active in Guizhou (the national platform's feed, the same fields as
Query.nationalSubjectFeed) as JSON Lines, oldest change first; every exported subject is audited.
Reads the entities database of this environment (DB_URL or DATA_DIR). The summary names the
--changed-since of the next incremental run.`;

function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined) throw new Error(USAGE);
    out[argv[i].slice(2)] = argv[i + 1];
  }
  return out;
}

runMain('export-national', async () => {
  const f = flags(process.argv.slice(2));
  if (!f.out) throw new Error(USAGE);
  const batch = f.batch ? Number(f.batch) : 1000;
  if (!Number.isInteger(batch) || batch < 1 || batch > 10_000) throw new Error('--batch must be 1 to 10000');
  // A bad --changed-since is refused before anything is opened.
  if (f['changed-since']) feedStamp('--changed-since', f['changed-since']);
  const env = loadEntitiesEnv(process.env);
  const db = await openEntitiesDatabase(env);
  // Written beside the target and renamed at the end: a failed run never leaves half a file behind.
  const partial = `${f.out}.partial`;
  const out = createWriteStream(partial);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  try {
    const ctx = EXPORT_CONTEXT(newUlid(), createLogger('export-national', env.LOG_LEVEL));
    const summary = await exportNationalFeed(db, out, ctx, {
      changedSince: f['changed-since'],
      batch,
      onProgress: (n) => process.stderr.write(`${tty ? '\r' : ''}exported ${n} subjects${tty ? '' : '\n'}`),
    });
    out.end();
    await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
    await rename(partial, f.out);
    if (tty) process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `wrote ${summary.subjects} out-of-province subject(s) in ${summary.pages} page(s) to ${f.out} in ${seconds.toFixed(1)} s` +
        (summary.lastChange ? `; next run: --changed-since ${summary.lastChange}` : '') +
        '\n',
    );
  } catch (err) {
    out.destroy();
    await rm(partial, { force: true });
    throw err;
  } finally {
    await db.destroy();
  }
});
