import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropTestSchemas, testEnv, usingMysql } from '../../test';
import { AuditEntry } from '../audit/auditEntry.entity';
import { bulkInsert } from './bulkInsert';
import { openDatabase } from './database';

describe('openDatabase', () => {
  (usingMysql ? it.skip : it)(
    'embedded: a SQLite file in WAL mode without an fsync per commit (SQLite pass only)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'db-'));
      const ds = await openDatabase({ service: 'probe', entities: [AuditEntry], migrations: [], dataDir: dir });
      try {
        expect(ds.options.type).toBe('better-sqlite3');
        expect(await ds.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
        expect(await ds.query('PRAGMA synchronous')).toEqual([{ synchronous: 1 }]);
      } finally {
        await ds.destroy();
      }
    },
  );

  (usingMysql ? it : it.skip)(
    'MySQL with read replicas: reads go through the replica pool, writes through the primary (MySQL pass only)',
    async () => {
      const env = testEnv();
      // A replica that is the primary itself is still a real second pool: enough to prove the wiring.
      const ds = await openDatabase({
        service: 'probe',
        entities: [AuditEntry],
        migrations: [],
        dbUrl: env.DB_URL,
        replicaUrls: [env.DB_URL!],
        dataDir: env.DATA_DIR!,
      });
      try {
        await ds.query(
          'CREATE TABLE IF NOT EXISTS audit_log (id int NOT NULL AUTO_INCREMENT PRIMARY KEY, at datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), actor varchar(80) NOT NULL, role varchar(20) NOT NULL, action varchar(60) NOT NULL, subjectCode varchar(18) NULL, target varchar(200) NULL, requestId varchar(128) NOT NULL)',
        );
        expect(ds.options).toHaveProperty('replication.slaves');
        await bulkInsert(ds.manager, AuditEntry, [
          { actor: 'a', role: 'R', action: 'x', subjectCode: null, target: null, requestId: 'r1' },
        ]);
        const replica = ds.createQueryRunner('slave');
        try {
          expect(await replica.query("SELECT COUNT(*) AS n FROM audit_log WHERE requestId = 'r1'")).toEqual([
            { n: '1' },
          ]);
        } finally {
          await replica.release();
        }
      } finally {
        await ds.destroy();
        await dropTestSchemas(env);
      }
    },
  );
});

/** A TCP proxy to the MySQL server that can refuse connections for a while (a replica failing over). */
async function switchableProxy(
  target: URL,
): Promise<{ url: string; down(): void; up(): void; close(): Promise<void> }> {
  let refusing = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = connect(Number(target.port || 3306), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = new URL(target.href);
  url.host = `127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url: url.href,
    down() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    up() {
      refusing = false;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

(usingMysql ? describe : describe.skip)('a read replica that fails and comes back (MySQL pass only)', () => {
  it('is read from again once it answers, not dropped for good after five failed connects', async () => {
    const env = testEnv();
    const proxy = await switchableProxy(new URL(env.DB_URL!));
    const ds = await openDatabase({
      service: 'probe',
      entities: [AuditEntry],
      migrations: [],
      dbUrl: env.DB_URL,
      replicaUrls: [proxy.url],
      dataDir: env.DATA_DIR!,
      poolSize: 2,
    });
    const read = async () => {
      const replica = ds.createQueryRunner('slave');
      try {
        return await replica.query('SELECT 1 AS one');
      } finally {
        await replica.release();
      }
    };
    try {
      expect(await read()).toEqual([{ one: 1 }]);
      proxy.down();
      const failures: string[] = [];
      for (let i = 0; i < 8; i++)
        failures.push(
          await read().then(
            () => 'read',
            (e: Error) => e.message,
          ),
        );
      expect(failures.filter((f) => f !== 'read').length).toBeGreaterThanOrEqual(5);
      proxy.up();
      let answer: unknown;
      while (!answer) {
        answer = await read().catch((e: Error) => {
          // Before the fix the pool cluster had removed the node: this message, forever.
          expect(e.message).not.toMatch(/Pool does Not exist/i);
          return undefined;
        });
        if (!answer) await new Promise((r) => setTimeout(r, 200));
      }
      expect(answer).toEqual([{ one: 1 }]);
    } finally {
      await ds.destroy();
      await proxy.close();
      await dropTestSchemas(env);
    }
  });
});

describe('bulkInsert', () => {
  it('converts values by the column rules and fills create dates', async () => {
    const env = testEnv();
    const ds = await openDatabase({
      service: 'bulk',
      entities: [AuditEntry],
      migrations: [],
      dbUrl: env.DB_URL,
      dataDir: env.DATA_DIR!,
      sqliteFile: usingMysql ? undefined : join(env.DATA_DIR!, 'bulk.sqlite'),
    });
    try {
      if (usingMysql) await ds.synchronize();
      const rows = Array.from({ length: 2500 }, (_, i) => ({
        actor: `a${i}`,
        role: 'R',
        action: 'bulk',
        subjectCode: i % 2 ? null : 'X',
        target: null,
        requestId: `r${i}`,
      }));
      await bulkInsert(ds.manager, AuditEntry, rows, { rowsPerStatement: 1000 });
      const repo = ds.getRepository(AuditEntry);
      expect(await repo.countBy({ action: 'bulk' })).toBe(2500);
      const one = await repo.findOneByOrFail({ requestId: 'r7' });
      expect(one).toMatchObject({ actor: 'a7', subjectCode: null });
      expect(one.at).toBeInstanceOf(Date);
    } finally {
      await ds.destroy();
      await dropTestSchemas(env);
    }
  });
});
