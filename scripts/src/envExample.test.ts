import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEntitiesEnv } from '@credit/entities';
import { ConfigError } from '@credit/shared';
import { loadGatewayEnv } from '@credit/gateway';
import { loadObjectionsEnv } from '@credit/objections';
import { loadRecordsEnv } from '@credit/records';
import { loadReportsEnv } from '@credit/reports';
import { loadStartEnv } from './startEnv';

// Each service reads its environment through one loader (its env.ts); the root .env.example must
// list exactly the variables they read. The loaders are run on a source that records every name
// they look up, so a variable added to any schema tomorrow fails this test until it is listed.
const LOADERS: Record<string, (source: Record<string, string | undefined>) => unknown> = {
  gateway: loadGatewayEnv,
  entities: loadEntitiesEnv,
  records: loadRecordsEnv,
  reports: loadReportsEnv,
  objections: loadObjectionsEnv,
  'pnpm start / dev': loadStartEnv,
};

function variablesRead(load: (source: Record<string, string | undefined>) => unknown): Set<string> {
  const read = new Set<string>();
  const source = new Proxy({} as Record<string, string | undefined>, {
    get(_, key) {
      // zod also probes the object itself (then, constructor…): environment names are upper case.
      if (typeof key === 'string' && /^[A-Z][A-Z0-9_]*$/.test(key)) read.add(key);
      return undefined;
    },
  });
  try {
    load(source);
  } catch (err) {
    // A variable required with no default refuses the empty source, after every name was looked up.
    if (!(err instanceof ConfigError)) throw err;
  }
  return read;
}

/** `NAME=value` and commented-out `# NAME=value` lines: every variable the file documents. */
function listed(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^#? ?([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}

const root = join(__dirname, '../..');

describe('.env.example', () => {
  const example = listed(join(root, '.env.example'));
  const read = new Map<string, string[]>();
  for (const [service, load] of Object.entries(LOADERS)) {
    for (const name of variablesRead(load)) read.set(name, [...(read.get(name) ?? []), service]);
  }

  it('finds the variables each loader reads', () => {
    // Guards the recording itself: a service's own variable and a common one.
    expect(read.get('MAX_REPORT_YEARS')).toEqual(['records', 'reports']);
    expect(read.get('DB_URL')).toEqual(Object.keys(LOADERS));
  });

  it('lists every variable any service reads', () => {
    const missing = [...read.keys()]
      .filter((v) => !example.includes(v))
      .map((v) => `${v} (${read.get(v)!.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('lists only variables some service reads, each once', () => {
    expect(example.filter((v) => !read.has(v))).toEqual([]);
    expect(example.filter((v, i) => example.indexOf(v) !== i)).toEqual([]);
  });
});
