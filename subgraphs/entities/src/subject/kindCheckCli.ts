import 'reflect-metadata';
import { runMain } from '@credit/shared';
import { openEntitiesDatabase } from '../entities';
import { loadEntitiesEnv } from '../env';
import { checkStoredKinds } from './kindCheck';

const USAGE = `usage: pnpm subjects:check

Lists the registered subjects whose kind is not the one their code calls for (a credit code's kind is its
GB 32100 registration category, e.g. 12 事业单位 -> PUBLIC_INSTITUTION, 52 -> PRIVATE_NON_ENTERPRISE; a
natural person's code is a resident ID), then a summary; exit 1 when any is found. Read-only: it reads the
entities database of this environment (DB_URL or DATA_DIR) with the service account.`;

runMain('subjects-check', async () => {
  if (process.argv.length > 2) throw new Error(USAGE);
  const db = await openEntitiesDatabase(loadEntitiesEnv(process.env), { asIs: true });
  try {
    const { checked, mismatches, byKinds } = await checkStoredKinds(db);
    for (const m of mismatches)
      process.stdout.write(
        `${m.creditCode}\t${m.kind}\t${m.problem.expected ?? '-'}\t${m.problem.reason}\t${m.problem.message}\n`,
      );
    for (const [kinds, n] of byKinds) process.stdout.write(`${kinds}: ${n}\n`);
    process.stdout.write(`${checked} subject(s) checked, ${mismatches.length} with a kind their code does not have\n`);
    if (mismatches.length) process.exitCode = 1;
  } finally {
    await db.destroy();
  }
});
