import { Column, Entity, PrimaryColumn } from 'typeorm';
import { dropTestSchemas, openTestDatabase, testEnv, usingMysql } from '../../test';
import { insertStatements } from './bulkInsert';
import { commitInOneTrip, sendsOneTrip } from './oneTrip';
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
});
