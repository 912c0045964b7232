import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { dropTestSchemas, openTestDatabase, testEnv, usingMysql } from '../../test';
import { EntityRows, placeholders } from './entityRows';

const cents = { to: (v: string | null) => v, from: (v: unknown) => (v === null ? null : Number(v).toFixed(2)) };

@Entity('test_entity_rows')
class Thing {
  @PrimaryColumn({ type: 'varchar', length: 20 }) id!: string;
  @Column({ type: 'text' }) note!: string;
  @Column({ type: 'boolean', default: false }) flagged!: boolean;
  @Column({ type: 'date', nullable: true }) decidedOn!: string | null;
  @Column({ type: 'decimal', precision: 14, scale: 2, nullable: true, transformer: cents }) amount!: string | null;
  @Column({ type: 'int' }) version!: number;
  @CreateDateColumn({ type: 'datetime', precision: 6 }) createdAt!: Date;
}

describe(`EntityRows on ${usingMysql ? 'MariaDB/MySQL' : 'SQLite'}`, () => {
  const env = testEnv();
  let ds: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => {
    ds = await openTestDatabase('entityrows', [Thing], env);
    await ds.getRepository(Thing).save([
      { id: 'a', note: '超范围经营\n"万元"', flagged: true, decidedOn: '2024-02-29', amount: '5000.5', version: 3 },
      { id: 'b', note: '', flagged: false, decidedOn: null, amount: null, version: 1 },
    ]);
  });
  afterAll(async () => {
    await ds.destroy();
    await dropTestSchemas(env);
  });

  it("hydrates rows exactly as TypeORM's own reads do: types, transformers, nulls", async () => {
    const rows = new EntityRows(ds, Thing, 't');
    const ids = ['a', 'b', 'missing'];
    const raw = await rows.where(`t.\`id\` IN (${placeholders(ids.length)}) ORDER BY t.\`id\``, ids);
    const orm = await ds.getRepository(Thing).find({ order: { id: 'ASC' } });
    expect(raw).toEqual(orm);
    expect(raw[0]).toBeInstanceOf(Thing);
    expect(raw[0]).toMatchObject({ flagged: true, decidedOn: '2024-02-29', amount: '5000.50', version: 3 });
    expect(raw[0].createdAt).toBeInstanceOf(Date);
  });

  it('reads only the kept columns, leaving the others absent', async () => {
    const brief = new EntityRows(ds, Thing, 't', (c) => c.propertyName !== 'note');
    expect(brief.select).not.toContain('note');
    const [a] = await brief.where('t.`id` = ?', ['a']);
    expect(a).not.toHaveProperty('note');
    expect(a.amount).toBe('5000.50');
  });
});
