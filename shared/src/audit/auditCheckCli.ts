import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { ConfigError, parseEnv, SUBGRAPH_PORTS, type CommonEnv } from '../config/env';
import { openDatabase } from '../db/database';
import { runMain } from '../server/bootSubgraph';
import { AuditAnchorEntity } from './auditAnchor.entity';
import { EMBEDDED_AUDIT_ANCHOR_KEY, verifyAuditChain } from './auditAnchors';
import { AuditEntry } from './auditEntry.entity';

/**
 * `pnpm audit:check`: verifies every subgraph's audit anchors against its audit rows, as the
 * services' own (least-privilege) account: it only reads. Exit 1 names the first missing, changed
 * or added row, or the missing or forged anchor, per subgraph.
 */
async function openAuditLog(service: string, env: CommonEnv): Promise<DataSource | undefined> {
  const entities = [AuditEntry, AuditAnchorEntity];
  if (env.DB_URL) {
    try {
      return await openDatabase({
        service,
        entities,
        migrations: [],
        dbUrl: env.DB_URL,
        dataDir: env.DATA_DIR,
        applyMigrations: false,
        poolSize: 1,
      });
    } catch (err) {
      // A dropped schema is the biggest deletion of all: reported as a failure, not skipped.
      if ([1044, 1049].includes((err as { errno?: number }).errno ?? 0)) return undefined;
      throw err;
    }
  }
  const file = join(resolve(env.DATA_DIR), `${service}.sqlite`);
  if (!existsSync(file)) return undefined;
  // Not openDatabase: synchronising a schema from two entities is no business of a check.
  const ds = new DataSource({ type: 'better-sqlite3', database: file, entities, readonly: true });
  return ds.initialize();
}

const USAGE = 'usage: auditCheckCli [--service entities,records,reports,objections]  (default: every subgraph)';

runMain('audit-check', async () => {
  const argv = process.argv.slice(2);
  const all = Object.keys(SUBGRAPH_PORTS);
  let services = all;
  if (argv.length) {
    if (argv[0] !== '--service' || argv.length !== 2) throw new Error(USAGE);
    services = argv[1].split(',').map((x) => x.trim());
    const unknown = services.filter((x) => !all.includes(x));
    if (unknown.length || !services.length) throw new Error(`unknown service ${unknown.join(', ')}\n${USAGE}`);
  }
  const env = parseEnv({}, process.env);
  if (env.NODE_ENV === 'production' && !env.AUDIT_ANCHOR_KEY) {
    throw new ConfigError([
      'AUDIT_ANCHOR_KEY: the key the services sign their audit anchors with is needed to check them',
    ]);
  }
  const key = env.AUDIT_ANCHOR_KEY ?? EMBEDDED_AUDIT_ANCHOR_KEY;
  let failed = false;
  for (const service of services) {
    const ds = await openAuditLog(service, env);
    if (!ds) {
      failed = true;
      process.stdout.write(`${service}: FAILED: its database (and so its audit log) is missing or not readable\n`);
      continue;
    }
    try {
      const r = await verifyAuditChain(ds, key);
      if (r.problem) {
        failed = true;
        process.stdout.write(`${service}: FAILED: ${r.problem}\n`);
        continue;
      }
      const head = r.head ? `; head: row ${r.head.lastId}, digest ${r.head.digest}` : '';
      process.stdout.write(
        `${service}: ok, ${r.anchors} anchor(s) sealing ${r.sealedRows} row(s), ${r.unsealedRows} row(s) not sealed yet${head}\n`,
      );
    } finally {
      await ds.destroy();
    }
  }
  if (failed) process.exitCode = 1;
});
