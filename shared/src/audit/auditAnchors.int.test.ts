import { dropTestSchemas, openTestDatabase, testEnv, usingMysql } from '../../test';
import { AuditAnchorEntity } from './auditAnchor.entity';
import { createLogger } from '../logging/logger';
import { AuditAnchoring, EMBEDDED_AUDIT_ANCHOR_KEY, sealAuditRows, verifyAuditChain } from './auditAnchors';
import { AuditEntry } from './auditEntry.entity';

const KEY = EMBEDDED_AUDIT_ANCHOR_KEY;

describe(`audit anchors on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  const env = testEnv();
  let ds: Awaited<ReturnType<typeof openTestDatabase>>;
  const append = (n: number) =>
    ds.getRepository(AuditEntry).insert(
      Array.from({ length: n }, (_, i) => ({
        actor: `bank-${i}`,
        role: 'PARTNER',
        action: 'report.verify',
        subjectCode: '91520100210000754L',
        target: null,
        requestId: `req-${i}`,
      })),
    );
  beforeAll(async () => {
    ds = await openTestDatabase('anchors', [AuditEntry, AuditAnchorEntity], env);
    // What an administrator can do and a service cannot: take the append-only triggers away.
    for (const t of ['audit_log_no_update', 'audit_log_no_delete', 'audit_anchor_no_delete']) {
      await ds.query(`DROP TRIGGER IF EXISTS ${t}`);
    }
  });
  afterAll(async () => {
    await ds.destroy();
    await dropTestSchemas(env);
  });

  it('seals in batches chained to each other, and names a forged key, a changed row and a missing anchor', async () => {
    await append(3);
    expect(await sealAuditRows(ds, KEY)).toBe(1);
    expect(await sealAuditRows(ds, KEY)).toBe(0); // nothing new
    await append(2);
    expect(await sealAuditRows(ds, KEY, 4)).toBe(1); // up to a horizon: row 5 waits for the next tick
    await append(1);

    const clean = await verifyAuditChain(ds, KEY);
    expect(clean).toMatchObject({ anchors: 2, sealedRows: 4, unsealedRows: 2, head: { lastId: 4 } });
    expect(clean.problem).toBeUndefined();

    expect((await verifyAuditChain(ds, 'another-key-of-at-least-32-characters')).problem).toBe(
      'anchor 1 (rows 1..3) is not signed with this AUDIT_ANCHOR_KEY',
    );

    await ds.query(`UPDATE audit_log SET actor = 'someone-else' WHERE id = 4`);
    expect((await verifyAuditChain(ds, KEY)).problem).toBe('audit row 4 was changed after anchor 2 sealed it');

    await ds.query(`DELETE FROM audit_anchor WHERE id = 1`);
    expect((await verifyAuditChain(ds, KEY)).problem).toBe(
      'anchor 2 starts after row 3, but the previous anchor ends at row 0: an anchor is missing',
    );
  });

  it("a service's sealing loop seals only rows that existed two ticks earlier", async () => {
    const own = testEnv();
    const db = await openTestDatabase('anchoring', [AuditEntry, AuditAnchorEntity], own);
    try {
      const loop = new AuditAnchoring(db, KEY, createLogger('test', 'silent'));
      const add = (n: number) =>
        db
          .getRepository(AuditEntry)
          .insert(
            Array.from({ length: n }, (_, i) => ({ actor: `a${i}`, role: 'PARTNER', action: 'x', requestId: `r${i}` })),
          );
      const sealed = async () => (await verifyAuditChain(db, KEY)).sealedRows;
      await add(2);
      await loop.tick(); // sees rows 1..2
      await add(3);
      await loop.tick(); // sees rows 1..5
      expect(await sealed()).toBe(0);
      await loop.tick(); // seals what the first tick saw
      expect(await sealed()).toBe(2);
      await loop.tick();
      expect(await sealed()).toBe(5);
      await loop.stop();
    } finally {
      await db.destroy();
      await dropTestSchemas(own);
    }
  });
});
