import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dropTestSchemas, openTestDatabase, testEnv, usingMysql } from '../../test';
import { insertStatements } from './bulkInsert';
import { commitInOneTrip, GroupedCommits, sendsOneTrip } from './oneTrip';
import { sqlStatements } from './statementCounter';

@Entity('test_one_trip')
class Note {
  @PrimaryColumn({ type: 'varchar', length: 20 }) id!: string;
  @Column({ type: 'text' }) text!: string;
}

const note = (id: string, text: string) => Object.assign(new Note(), { id, text });

describe(`commitInOneTrip on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  const env = testEnv();
  let ds: Awaited<ReturnType<typeof openTestDatabase>>;
  /** Another connection: it sees only what was committed. */
  let reader: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    ds = await openTestDatabase('onetrip', [Note], env, { multipleStatements: true, poolSize: 1 });
    reader = await openTestDatabase('onetrip', [Note], env, { poolSize: 1 });
  });
  afterAll(async () => {
    await reader.destroy();
    await ds.destroy();
    await dropTestSchemas(env);
  });

  const ids = async () => (await reader.getRepository(Note).find({ order: { id: 'ASC' } })).map((n) => n.id);

  it('commits every statement, values with quotes, semicolons and newlines intact, counting each statement', async () => {
    expect(sendsOneTrip(ds)).toBe(usingMysql);
    const tricky = `it's; DROP TABLE test_one_trip; --\r\n"万元"?`;
    const before = sqlStatements.total;
    await commitInOneTrip(ds, [
      ...insertStatements(ds.manager, Note, [note('a', tricky)]),
      ...insertStatements(ds.manager, Note, [note('b', 'second')]),
    ]);
    // START TRANSACTION, two INSERTs, COMMIT: on either database.
    expect(sqlStatements.total - before).toBe(4);
    expect(await ids()).toEqual(['a', 'b']);
    expect((await reader.getRepository(Note).findOneByOrFail({ id: 'a' })).text).toBe(tricky);
    expect(sendsOneTrip(reader)).toBe(false);
  });

  it('leaves nothing of a transaction whose later statement fails, and the pooled connection keeps working', async () => {
    await expect(
      commitInOneTrip(ds, [
        ...insertStatements(ds.manager, Note, [note('c', 'kept only if all are')]),
        // A duplicate key: the packet stops here.
        ...insertStatements(ds.manager, Note, [note('a', 'again')]),
      ]),
    ).rejects.toThrow(/duplicate|unique/i);
    expect(await ids()).toEqual(['a', 'b']);
    // The one pooled connection is not left inside the failed transaction: this write commits on its own.
    await ds.getRepository(Note).insert(note('d', 'after'));
    await commitInOneTrip(ds, insertStatements(ds.manager, Note, [note('e', 'and after')]));
    expect(await ids()).toEqual(['a', 'b', 'd', 'e']);
  });

  it('commits concurrent transactions together, and one that fails fails alone', async () => {
    const grouped = new GroupedCommits(ds);
    const before = sqlStatements.total;
    await Promise.all(
      ['g1', 'g2', 'g3'].map((id) => grouped.commit(insertStatements(ds.manager, Note, [note(id, `text of ${id}`)]))),
    );
    // On MySQL one START TRANSACTION … COMMIT carried all three (alone: three of each).
    if (usingMysql) expect(sqlStatements.total - before).toBe(5);
    expect(await ids()).toEqual(['a', 'b', 'd', 'e', 'g1', 'g2', 'g3']);

    const results = await Promise.allSettled([
      grouped.commit(insertStatements(ds.manager, Note, [note('h1', 'one')])),
      // A duplicate key, in a transaction of two: neither of its rows may stay.
      grouped.commit([
        ...insertStatements(ds.manager, Note, [note('h2', 'two')]),
        ...insertStatements(ds.manager, Note, [note('a', 'again')]),
      ]),
      grouped.commit(insertStatements(ds.manager, Note, [note('h3', 'three')])),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/duplicate|unique/i);
    expect(await ids()).toEqual(['a', 'b', 'd', 'e', 'g1', 'g2', 'g3', 'h1', 'h3']);
    expect((await reader.getRepository(Note).findOneByOrFail({ id: 'a' })).text).not.toBe('again');
  });
});
