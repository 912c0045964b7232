import { mkdtempSync } from 'node:fs';
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
