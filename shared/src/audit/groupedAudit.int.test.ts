import { dropTestSchemas, openTestDatabase, testEnv, usingMysql } from '../../test';
import { sqlStatements } from '../db/statementCounter';
import { Role } from '../auth/principal';
import { AuditEntry } from './auditEntry.entity';
import { auditRead, GroupedAudit } from './groupedAudit';

const ctx = (i: number) => ({
  requestId: `req-${i}`,
  log: undefined as never,
  principal: { role: Role.PARTNER, partnerId: `bank-${i}`, province: '520000' } as never,
});

describe(`GroupedAudit on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  const env = testEnv();
  let ds: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    ds = await openTestDatabase('grouped', [AuditEntry], env);
  });
  afterAll(async () => {
    await ds.destroy();
    await dropTestSchemas(env);
  });

  it('stores the rows of concurrent reads in far fewer statements, each caller resolving once its row exists', async () => {
    const audit = new GroupedAudit(ds);
    const before = sqlStatements.total;
    const repo = ds.getRepository(AuditEntry);
    const stored = await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        await audit.write(ctx(i), {
          action: 'report.verify',
          subjectCodes: [`91520100MA${String(i).padStart(7, '0')}X`],
          target: `GZ${i}`,
        });
        return repo.countBy({ requestId: `req-${i}` });
      }),
    );
    expect(stored).toEqual(Array(60).fill(1));
    // 60 reads answered in the same turn: one INSERT instead of sixty (plus the 60 checks above).
    expect(sqlStatements.total - before - 60).toBeLessThanOrEqual(2);
    const row = await repo.findOneByOrFail({ requestId: 'req-7' });
    expect(row).toMatchObject({
      actor: 'partner:520000/bank-7',
      role: 'PARTNER',
      action: 'report.verify',
      target: 'GZ7',
      subjectCode: '91520100MA0000007X',
    });
  });

  it('splits a large burst into statements of at most the configured size', async () => {
    const audit = new GroupedAudit(ds, 10);
    const before = sqlStatements.total;
    await Promise.all(
      Array.from({ length: 35 }, (_, i) => audit.write(ctx(1000 + i), { action: 'burst', subjectCodes: ['X'] })),
    );
    expect(sqlStatements.total - before).toBe(4);
    expect(await ds.getRepository(AuditEntry).countBy({ action: 'burst' })).toBe(35);
  });

  it('fails the callers of a batch that could not be stored, then keeps working', async () => {
    const audit = new GroupedAudit(ds);
    // requestId is NOT NULL: the batch's INSERT fails and no caller is told its read was audited.
    const broken = { ...ctx(2000), requestId: undefined as unknown as string };
    await expect(audit.write(broken, { action: 'broken', subjectCodes: ['X'] })).rejects.toThrow();
    expect(await ds.getRepository(AuditEntry).countBy({ action: 'broken' })).toBe(0);
    await audit.write(ctx(2001), { action: 'after', subjectCodes: ['X'] });
    expect(await ds.getRepository(AuditEntry).countBy({ action: 'after' })).toBe(1);
  });

  it('auditRead groups the reads of every caller on the same database', async () => {
    const before = sqlStatements.total;
    await Promise.all([
      auditRead(ds, ctx(4000), { action: 'subject.read', subjectCodes: ['A', 'B'] }),
      auditRead(ds, ctx(4001), { action: 'record.read', subjectCodes: ['C'] }),
    ]);
    expect(sqlStatements.total - before).toBe(1);
    expect(await ds.getRepository(AuditEntry).countBy([{ requestId: 'req-4000' }, { requestId: 'req-4001' }])).toBe(3);
  });

  it('writes nothing for a read that touched no subject', async () => {
    const audit = new GroupedAudit(ds);
    const before = sqlStatements.total;
    await audit.write(ctx(3000), { action: 'none', subjectCodes: [] });
    expect(sqlStatements.total).toBe(before);
  });
});
